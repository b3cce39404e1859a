package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.automigrate.engine.support.HibernateValidate;
import org.automigrate.engine.support.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database auto produces is one Hibernate's own validate accepts, for more than one kind of model. */
class HibernateAcceptsTest {
    @TempDir
    Path dir;

    @Test
    void shopModelAfterCreateAndEvolution() {
        Project project = new Project(dir);
        project.engine("v1").auto();
        assertThatCode(() -> HibernateValidate.validate(project.db, "v1")).doesNotThrowAnyException();
        project.engine("v2").auto();
        assertThatCode(() -> HibernateValidate.validate(project.db, "v2")).doesNotThrowAnyException();
    }

    @Test
    void inheritanceManyToManyElementCollectionModel() throws Exception {
        Project project = new Project(dir);
        AutoResult result = project.engine("zoo").auto();
        assertThat(result.status()).isEqualTo(RunStatus.APPLIED);
        assertThat(project.query("select name from sqlite_master where type='table' order by name"))
                .extracting(r -> r.get(0))
                .contains("Animal", "Lion", "Parrot", "Keeper", "animal_keeper", "Animal_nicknames", "Ticket",
                        "Keeper_SEQ");
        assertThat(project.query("pragma foreign_key_list(Lion)")).hasSize(1);
        assertThat(project.query("pragma foreign_key_list(animal_keeper)")).hasSize(2);
        assertThat(project.count("Keeper_SEQ")).isEqualTo(1);
        assertThatCode(() -> HibernateValidate.validate(project.db, "zoo")).doesNotThrowAnyException();
        assertThat(project.engine("zoo").auto().status()).isEqualTo(RunStatus.NO_CHANGES);
    }

    @Test
    void validateCatchesAMissingTableSoThisTestCanFail() throws Exception {
        Project project = new Project(dir);
        project.engine("v1").auto();
        project.execute("drop table order_line");
        assertThatThrownBy(() -> HibernateValidate.validate(project.db, "v1")).hasMessageContaining("order_line");
    }
}
