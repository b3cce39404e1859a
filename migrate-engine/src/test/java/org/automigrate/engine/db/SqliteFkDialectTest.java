package org.automigrate.engine.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.automigrate.engine.support.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the dialect's behaviour on the Hibernate version in use: Hibernate's SQLite dialect writes no
 * foreign keys and no multi-column unique constraints; ours writes both inline in CREATE TABLE.
 */
class SqliteFkDialectTest {
    @TempDir
    Path dir;

    @Test
    void createTableCarriesForeignKeysAndMultiColumnUniques() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        assertThat(project.query("select \"table\", \"from\", \"to\" from pragma_foreign_key_list('order_line') order by \"from\""))
                .containsExactly(List.of("purchase_order", "order_id", "id"), List.of("product", "product_id", "id"));
        assertThat(project.query("select \"table\" from pragma_foreign_key_list('purchase_order')"))
                .containsExactly(List.of("customer"));
        List<List<Object>> uniques = project.query(
                "select name from pragma_index_list('order_line') where origin = 'u'");
        assertThat(uniques).hasSize(1);
        assertThat(project.query("select name from pragma_index_info('" + uniques.get(0).get(0) + "') order by seqno"))
                .containsExactly(List.of("order_id"), List.of("product_id"));
    }

    @Test
    void onDeleteCascadeIsKept() throws Exception {
        Project project = new Project(dir);
        project.engine("zoo").auto();
        // the element collection's table references its owner; JOINED subclasses reference the root
        assertThat(project.query("select \"table\" from pragma_foreign_key_list('Lion')"))
                .containsExactly(List.of("Animal"));
        assertThat(project.query("select \"table\" from pragma_foreign_key_list('Animal_nicknames')"))
                .containsExactly(List.of("Animal"));
    }
}
