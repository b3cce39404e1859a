package org.automigrate.engine.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.automigrate.engine.config.Naming;
import org.automigrate.engine.discovery.EntityScanner;
import org.automigrate.engine.discovery.ModelSet;
import org.automigrate.engine.testing.Servers;
import org.junit.jupiter.api.Test;

/**
 * The MariaDB catalog reader on a real server: hand-written tables covering every kind of object it reads
 * (read back exactly, record by record), the definitions it reports put back with {@code MODIFY} without losing
 * anything, and a database Hibernate 7's MariaDB DDL made (auto-increment, foreign keys, uniques, and the
 * indexes InnoDB adds for foreign keys left out).
 */
class MariaDbCatalogReaderIT {
    private static final Path TEST_CLASSES = Path.of("target/test-classes").toAbsolutePath();

    /** Tables with every kind of object the reader reads, in a database of their own. */
    private static void createHandMade(Servers.Database db) throws SQLException {
        db.execute("create table parent (a int not null, b varchar(20) not null, label varchar(50) default 'it''s', "
                        + "code varchar(10) collate utf8mb4_bin not null, "
                        + "path varchar(20) default 'c:\\\\tmp' comment 'back\\\\slash', primary key (a, b)) "
                        + "default charset utf8mb4 collate utf8mb4_unicode_ci",
                "create table child (id bigint not null auto_increment, pa int, pb varchar(20), "
                        + "`order` int check (`order` > 0), flag tinyint(1) not null default 0, "
                        + "kind enum('A','B') not null default 'A', bits bit(1), amount decimal(38,2), "
                        + "changed datetime(6) not null default current_timestamp(6) on update current_timestamp(6) "
                        + "comment 'when it''s changed', primary key (id), constraint chk_amount check (amount >= 0), "
                        + "constraint uk_child_kind_flag unique (kind, flag), index idx_child_amount (amount)) "
                        + "default charset utf8mb4 collate utf8mb4_unicode_ci",
                "alter table child add constraint FKchild_parent foreign key (pa, pb) references parent (a, b) "
                        + "on delete cascade",
                "create table Note (id int not null primary key, child_id bigint, index idx_note_child (child_id))",
                "alter table Note add constraint FKnote_child foreign key (child_id) references child (id) "
                        + "on delete set null on update no action",
                "create sequence child_seq start with 1 increment by 50",
                "create view child_view as select id, amount from child");
    }

    @Test
    void readsHandWrittenTablesExactly() throws Exception {
        try (Servers.Database db = Servers.mariadb(); Servers.Database other = Servers.mariadb()) {
            createHandMade(db);
            other.execute("create table parent (x int primary key)", "create table stranger (y int)",
                    "create sequence other_seq");
            DbSchema schema;
            try (Connection c = db.connect()) {
                schema = MariaDbCatalogReader.read(c, db.name());
            }

            assertThat(schema.tables()).extracting(DbTable::name).containsExactly("child", "Note", "parent");
            assertThat(schema.sequences()).containsExactly(new DbSequence("child_seq", 1, 50));
            assertThat(schema.table("parent").orElseThrow()).isEqualTo(new DbTable("parent", null, List.of(
                    new DbColumn("a", "int(11)", true, null, 1, List.of(), "`a` int(11) NOT NULL"),
                    new DbColumn("b", "varchar(20)", true, null, 2, List.of(), "`b` varchar(20) NOT NULL"),
                    new DbColumn("label", "varchar(50)", false, "'it''s'", 0, List.of(),
                            "`label` varchar(50) NULL DEFAULT 'it''s'"),
                    new DbColumn("code", "varchar(10)", true, null, 0, List.of(),
                            "`code` varchar(10) COLLATE utf8mb4_bin NOT NULL"),
                    new DbColumn("path", "varchar(20)", false, "'c:\\\\tmp'", 0, List.of(),
                            "`path` varchar(20) NULL DEFAULT 'c:\\\\tmp' COMMENT 'back\\\\slash'")),
                    List.of("a", "b"), List.of(), List.of(), List.of(), List.of(), List.of(),
                    new ConstraintNames("PRIMARY", Map.of(), Map.of())));
            assertThat(schema.table("child").orElseThrow()).isEqualTo(new DbTable("child", null, List.of(
                    new DbColumn("id", "bigint(20)", true, null, 1, List.of(), "`id` bigint(20) NOT NULL AUTO_INCREMENT",
                            DbColumn.AUTO_INCREMENT),
                    new DbColumn("pa", "int(11)", false, null, 0, List.of(), "`pa` int(11) NULL"),
                    new DbColumn("pb", "varchar(20)", false, null, 0, List.of(), "`pb` varchar(20) NULL"),
                    new DbColumn("order", "int(11)", false, null, 0, List.of("CHECK (`order` > 0)"),
                            "`order` int(11) NULL CHECK (`order` > 0)"),
                    new DbColumn("flag", "tinyint(1)", true, "0", 0, List.of(), "`flag` tinyint(1) NOT NULL DEFAULT 0"),
                    new DbColumn("kind", "enum('A','B')", true, "'A'", 0, List.of(),
                            "`kind` enum('A','B') NOT NULL DEFAULT 'A'"),
                    new DbColumn("bits", "bit(1)", false, null, 0, List.of(), "`bits` bit(1) NULL"),
                    new DbColumn("amount", "decimal(38,2)", false, null, 0, List.of(), "`amount` decimal(38,2) NULL"),
                    new DbColumn("changed", "datetime(6)", true, "current_timestamp(6)", 0, List.of(),
                            "`changed` datetime(6) NOT NULL DEFAULT current_timestamp(6) ON UPDATE current_timestamp(6) "
                                    + "COMMENT 'when it''s changed'")),
                    List.of("id"),
                    List.of(new DbForeignKey(List.of("pa", "pb"), "parent", List.of("a", "b"), "CASCADE", "RESTRICT",
                            "FKchild_parent")),
                    List.of(List.of("kind", "flag")),
                    List.of(new DbIndex("idx_child_amount", false, List.of("amount"), null)),
                    List.of("CHECK (`amount` >= 0)"), List.of(),
                    new ConstraintNames("PRIMARY", Map.of("kind,flag", "uk_child_kind_flag"),
                            Map.of("CHECK (`amount` >= 0)", "chk_amount"))));
            assertThat(schema.table("Note").orElseThrow()).isEqualTo(new DbTable("Note", null, List.of(
                    new DbColumn("id", "int(11)", true, null, 1, List.of(), "`id` int(11) NOT NULL"),
                    new DbColumn("child_id", "bigint(20)", false, null, 0, List.of(), "`child_id` bigint(20) NULL")),
                    List.of("id"),
                    List.of(new DbForeignKey(List.of("child_id"), "child", List.of("id"), "SET NULL", "NO ACTION",
                            "FKnote_child")),
                    List.of(), List.of(new DbIndex("idx_note_child", false, List.of("child_id"), null)), List.of(),
                    List.of(), new ConstraintNames("PRIMARY", Map.of(), Map.of())));
            // the index InnoDB made for the foreign key exists, and is left out because it bears the key's name
            assertThat(db.queryValue("select count(*) from information_schema.statistics where table_schema = '"
                    + db.name() + "' and table_name = 'child' and index_name = 'FKchild_parent'")).isEqualTo(2L);
        }
    }

    @Test
    void definitionsPutBackWithModifyKeepEverything() throws Exception {
        try (Servers.Database db = Servers.mariadb()) {
            createHandMade(db);
            try (Connection c = db.connect()) {
                DbSchema before = MariaDbCatalogReader.read(c, db.name());
                List<String> modify = new ArrayList<>();
                for (DbTable table : before.tables()) {
                    table.columns().forEach(col -> modify.add("alter table `" + table.name() + "` modify "
                            + col.definition()));
                }
                db.execute(modify.toArray(String[]::new));
                DbSchema after = MariaDbCatalogReader.read(c, db.name());
                assertThat(after.tables()).containsExactlyElementsOf(before.tables());
                assertThat(after.sequences()).containsExactlyElementsOf(before.sequences());
            }
        }
    }

    /**
     * What a change must know about a CHECK written on a column: MariaDB names it after the column, and
     * {@code DROP CONSTRAINT} cannot drop it; only a {@code MODIFY} without it does (and so does any MODIFY that
     * leaves it out, which is why the column's definition carries it).
     */
    @Test
    void aColumnCheckIsNamedAfterItsColumnAndOnlyModifyDropsIt() throws Exception {
        try (Servers.Database db = Servers.mariadb()) {
            createHandMade(db);
            assertThatThrownBy(() -> db.execute("alter table child drop constraint `order`"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("Can't DROP CONSTRAINT `order`");
            db.execute("alter table child modify `order` int(11) null", "alter table child drop constraint chk_amount");
            try (Connection c = db.connect()) {
                DbTable child = MariaDbCatalogReader.read(c, db.name()).table("child").orElseThrow();
                assertThat(child.checks()).isEmpty();
                assertThat(child.names().checks()).isEmpty();
                assertThat(child.column("order").orElseThrow().definition()).isEqualTo("`order` int(11) NULL");
            }
        }
    }

    @Test
    void readsWhatHibernatesMariaDbDdlMade() throws Exception {
        try (Servers.Database db = Servers.mariadb()) {
            List<String> ddl;
            try (Connection c = db.connect(); ModelSet model = model(c.getMetaData(), "v2")) {
                ddl = model.createStatements();
            }
            db.execute(ddl.toArray(String[]::new));
            DbSchema schema;
            try (Connection c = db.connect()) {
                schema = MariaDbCatalogReader.read(c, db.name());
            }

            assertThat(schema.tables()).extracting(DbTable::name)
                    .containsExactly("customer", "order_line", "product", "purchase_order", "region");
            assertThat(schema.sequences()).containsExactly(new DbSequence("region_SEQ", 1, 50));
            DbTable customer = schema.table("customer").orElseThrow();
            assertThat(customer.column("id").orElseThrow()).isEqualTo(new DbColumn("id", "bigint(20)", true, null, 1,
                    List.of(), "`id` bigint(20) NOT NULL AUTO_INCREMENT", DbColumn.AUTO_INCREMENT));
            assertThat(customer.column("status").orElseThrow().type()).isEqualTo("enum('ACTIVE','BLOCKED')");
            assertThat(customer.column("loyaltyPoints").orElseThrow().definition())
                    .isEqualTo("`loyaltyPoints` int(11) NOT NULL DEFAULT 0");
            assertThat(schema.table("region").orElseThrow().column("id").orElseThrow().generated()).isNull();

            assertThat(customer.uniques()).containsExactly(List.of("email"));
            assertThat(customer.names().unique(List.of("email"))).startsWith("UK");
            assertThat(customer.indexes()).containsExactly(new DbIndex("idx_customer_name", false, List.of("name"), null));
            assertThat(customer.foreignKeys()).singleElement().satisfies(fk -> {
                assertThat(fk.columns()).containsExactly("region_id");
                assertThat(fk.refTable()).isEqualTo("region");
                assertThat(fk.refColumns()).containsExactly("id");
                assertThat(fk.onDelete()).isEqualTo("RESTRICT");
                assertThat(fk.onUpdate()).isEqualTo("RESTRICT");
                assertThat(fk.name()).startsWith("FK");
            });
            DbTable line = schema.table("order_line").orElseThrow();
            assertThat(line.uniques()).containsExactly(List.of("order_id", "product_id"));
            assertThat(line.names().unique(List.of("order_id", "product_id"))).isEqualTo("uk_line_order_product");
            assertThat(line.foreignKeys()).extracting(DbForeignKey::refTable)
                    .containsExactlyInAnyOrder("purchase_order", "product");
            assertThat(line.indexes()).as("InnoDB's foreign key indexes are left out").isEmpty();
            DbTable order = schema.table("purchase_order").orElseThrow();
            assertThat(order.foreignKeys()).extracting(DbForeignKey::columns).containsExactly(List.of("customer_id"));
            assertThat(order.indexes()).isEmpty();
            assertThat(schema.table("product").orElseThrow().uniques()).containsExactly(List.of("sku"));

            // the foreign key indexes left out do exist: one per key, except order_id (the unique index serves it)
            List<String> fkNames = new ArrayList<>();
            schema.tables().forEach(t -> t.foreignKeys().forEach(fk -> fkNames.add(fk.name())));
            assertThat(db.queryValue("select count(distinct index_name) from information_schema.statistics "
                    + "where table_schema = '" + db.name() + "' and index_name in ('" + String.join("','", fkNames)
                    + "')")).isEqualTo(3L);
        }
    }

    /**
     * Hibernate writes the CHECK of an ordinal enum inline, on the column: MariaDB keeps it as a column-level
     * check named after the column (which {@code DROP CONSTRAINT} cannot drop), so the column's definition
     * carries it, and the table's checks list it under the column's name.
     */
    @Test
    void hibernatesEnumCheckIsAColumnCheckNamedAfterTheColumn() throws Exception {
        try (Servers.Database db = Servers.mariadb()) {
            List<String> ddl;
            try (Connection c = db.connect(); ModelSet model = model(c.getMetaData(), "types")) {
                ddl = model.createStatements();
            }
            db.execute(ddl.toArray(String[]::new));
            DbTable everything;
            try (Connection c = db.connect()) {
                everything = MariaDbCatalogReader.read(c, db.name()).table("everything").orElseThrow();
            }
            String check = "CHECK (`ordinalColour` between 0 and 1)";
            // written on the column, it is the column's (only a MODIFY changes it), not the table's
            assertThat(everything.checks()).isEmpty();
            assertThat(everything.column("ordinalColour").orElseThrow().checks()).containsExactly(check);
            assertThat(everything.column("ordinalColour").orElseThrow().definition())
                    .isEqualTo("`ordinalColour` tinyint(4) NULL " + check);
            assertThat(everything.column("namedColour").orElseThrow().type()).isEqualTo("enum('GREEN','RED')");
            assertThat(everything.uniques()).containsExactly(List.of("code", "day"));
            assertThat(everything.indexes()).isEmpty();
        }
    }

    /** The model package's DDL as Hibernate 7 writes it for this server's MariaDB version. */
    private static ModelSet model(DatabaseMetaData meta, String modelPackage) throws SQLException {
        EntityScanner.Scan scan = new EntityScanner(TEST_CLASSES).scan(List.of(TEST_CLASSES), List.of(TEST_CLASSES),
                List.of("org.automigrate.engine.testmodel." + modelPackage));
        return ModelSet.load(scan, List.of(TEST_CLASSES), "org.hibernate.dialect.MariaDBDialect", Map.of(
                        "jakarta.persistence.database-product-name", meta.getDatabaseProductName(),
                        "jakarta.persistence.database-major-version", String.valueOf(meta.getDatabaseMajorVersion()),
                        "jakarta.persistence.database-minor-version", String.valueOf(meta.getDatabaseMinorVersion())),
                Naming.of(null, null, "test"), ModelSet.COLUMN_ORDER_DECLARED, modelPackage);
    }
}
