package org.automigrate.engine.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CreateTableSqlTest {
    private static final String SQL = "create table customer (id integer, name varchar(100) not null, "
            + "status varchar(20) check ((status in ('A','B, C'))), \"order\" integer default 0, "
            + "primary key (id), constraint uk1 unique (name, status), check (id > 0))";

    @Test
    void splitsColumnsAndConstraintsRespectingQuotesAndParentheses() {
        CreateTableSql parsed = CreateTableSql.parse(SQL);
        assertThat(parsed.column("ID").text()).isEqualTo("id integer");
        assertThat(parsed.column("status").text()).isEqualTo("status varchar(20) check ((status in ('A','B, C')))");
        assertThat(parsed.column("status").checks()).containsExactly("status in('A','B, C')"); // as SQLite keeps it either way
        assertThat(parsed.column("order").text()).isEqualTo("\"order\" integer default 0");
        assertThat(parsed.tableChecks()).containsExactly("id > 0");
        assertThat(parsed.column("uk1")).isNull();
    }

    @Test
    void normalizeIgnoresCaseAndSpacingButNotQuotedText() {
        assertThat(CreateTableSql.normalize("VARCHAR ( 255 )")).isEqualTo("varchar(255)");
        assertThat(CreateTableSql.normalize("Status IN ('Ab', 'C d')")).isEqualTo("status in('Ab','C d')");
    }

    @Test
    void multiLinePutsOneElementPerLine() {
        assertThat(CreateTableSql.multiLine("CREATE TABLE t (a integer, b varchar(2), primary key (a))"))
                .isEqualTo("CREATE TABLE t (\n    a integer,\n    b varchar(2),\n    primary key (a)\n)");
    }
}
