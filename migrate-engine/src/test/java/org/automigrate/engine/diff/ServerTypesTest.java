package org.automigrate.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The normalisation rules for server type names and CHECK constraint texts. */
class ServerTypesTest {

    @Test
    void postgresInternalNamesAreTheStandardOnes() {
        assertThat(ServerTypes.normalize("int4")).isEqualTo("integer");
        assertThat(ServerTypes.normalize("INT8")).isEqualTo("bigint");
        assertThat(ServerTypes.normalize("int2")).isEqualTo("smallint");
        assertThat(ServerTypes.normalize("float8")).isEqualTo("double precision");
        assertThat(ServerTypes.normalize("bool")).isEqualTo("boolean");
        assertThat(ServerTypes.normalize("varchar(255 BYTE)")).isEqualTo("varchar(255)");
        assertThat(ServerTypes.normalize("character varying(40)")).isEqualTo("varchar(40)");
        assertThat(ServerTypes.normalize("timestamptz")).isEqualTo("timestamp with time zone");
    }

    @Test
    void mariadbDisplayWidthsAreNotSizes() {
        assertThat(ServerTypes.normalize("INT(11)")).isEqualTo("integer");
        assertThat(ServerTypes.normalize("DOUBLE(22)")).isEqualTo("double precision");
        assertThat(ServerTypes.normalize("DATE(10)")).isEqualTo("date");
        assertThat(ServerTypes.normalize("BIT(1)")).isEqualTo("boolean");
        assertThat(ServerTypes.normalize("DATETIME(6)")).isEqualTo("timestamp(6)");
    }

    @Test
    void catalogSpellingsOfOtherToolsAreTheSameType() {
        assertThat(ServerTypes.same("timestamp without time zone", "timestamp(6) without time zone")).isTrue();
        assertThat(ServerTypes.same("timestamp", "timestamp(6)")).isTrue();
        assertThat(ServerTypes.same("timestamptz", "timestamp(6) with time zone")).isTrue();
        assertThat(ServerTypes.same("time without time zone", "time(6)")).isTrue();
        assertThat(ServerTypes.same("int4", "integer")).isTrue();
        assertThat(ServerTypes.same("int8", "bigint")).isTrue();
        assertThat(ServerTypes.same("bool", "boolean")).isTrue();
        assertThat(ServerTypes.same("character varying(50)", "varchar(50)")).isTrue();
        assertThat(ServerTypes.same("numeric(10, 2)", "numeric(10,2)")).isTrue();
        assertThat(ServerTypes.same("decimal(10,2)", "numeric(10,2)")).isTrue();
        assertThat(ServerTypes.same("tinyint(1)", "bit(1)")).isTrue();
        assertThat(ServerTypes.same("bigint(20)", "bigint")).isTrue();
        assertThat(ServerTypes.same("int(11)", "int")).isTrue();
        assertThat(ServerTypes.same("DATETIME(6)", "datetime(6)")).isTrue();
    }

    @Test
    void genuinelyDifferentTypesStayDifferent() {
        assertThat(ServerTypes.same("timestamp without time zone", "timestamp(6) with time zone")).isFalse();
        assertThat(ServerTypes.same("timestamp(3)", "timestamp(6)")).isFalse();
        assertThat(ServerTypes.same("datetime", "datetime(6)")).isFalse();
        assertThat(ServerTypes.same("datetime(6)", "timestamp(6)")).isFalse();
        assertThat(ServerTypes.same("tinyint(4)", "bit(1)")).isFalse();
        assertThat(ServerTypes.same("bit(8)", "bit(1)")).isFalse();
        assertThat(ServerTypes.same("varchar(50)", "varchar(100)")).isFalse();
        assertThat(ServerTypes.same("numeric(10,2)", "numeric(12,2)")).isFalse();
        assertThat(ServerTypes.same("int unsigned", "int")).isFalse();
    }

    @Test
    void wideningKeepsDataNarrowingLosesIt() {
        assertThat(ServerTypes.narrows("varchar(100 BYTE)", "VARCHAR(200)")).isFalse();
        assertThat(ServerTypes.narrows("VARCHAR(200)", "varchar(100)")).isTrue();
        assertThat(ServerTypes.narrows("int4", "BIGINT")).isFalse();
        assertThat(ServerTypes.narrows("BIGINT", "int")).isTrue();
        assertThat(ServerTypes.narrows("DECIMAL(10, 2)", "numeric(12,2)")).isFalse();
        assertThat(ServerTypes.narrows("varchar(20)", "int")).isTrue();
    }

    @Test
    void aMariadbEnumNarrowsWhenAConstantGoes() {
        assertThat(ServerTypes.narrows("ENUM('A','B')", "enum('A','B','C')")).isFalse();
        assertThat(ServerTypes.narrows("ENUM('A','B','C')", "ENUM('A','B')")).isTrue();
        assertThat(ServerTypes.narrows("ENUM('A','B')", "varchar(255)")).isFalse();
        assertThat(ServerTypes.narrows("ENUM('A','B')", "int")).isTrue();
    }

    @Test
    void aCheckWrittenInlineOrByAlterTableIsTheSameCheck() {
        String inline = "CHECK (((status)::text = ANY ((ARRAY['ACTIVE'::character varying, "
                + "'BLOCKED'::character varying])::text[])))";
        String altered = "CHECK (((status)::text = ANY (ARRAY[('ACTIVE'::character varying)::text, "
                + "('BLOCKED'::character varying)::text])))";
        assertThat(ServerTypes.checkKey(inline)).isEqualTo(ServerTypes.checkKey(altered));
        String withVip = "CHECK (((status)::text = ANY ((ARRAY['ACTIVE'::character varying, "
                + "'BLOCKED'::character varying, 'VIP'::character varying])::text[])))";
        assertThat(ServerTypes.checkKey(withVip)).isNotEqualTo(ServerTypes.checkKey(inline));
        assertThat(ServerTypes.checkKey("CHECK (`status` in ('A','B'))"))
                .isNotEqualTo(ServerTypes.checkKey("CHECK (`status` in ('A','B','C'))"));
    }
}
