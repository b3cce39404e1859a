package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.automigrate.engine.diff.Safety;
import org.automigrate.engine.history.HistoryEntry;
import org.automigrate.engine.support.CompiledModelValidate;
import org.automigrate.engine.support.DbChecksum;
import org.automigrate.engine.support.EntityFields;
import org.automigrate.engine.support.ModelCompiler;
import org.automigrate.engine.support.RecordingListener;
import org.automigrate.engine.support.RowDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One model walked through a long evolution on a SQLite file holding thousands of rows, each version
 * written as Java source and compiled at test time: in-place adds, NOT NULL columns with declared and
 * one-off values, rebuilds of parent and child tables (foreign keys enforced), renames of a column and a
 * table, unique constraints, a new foreign key, drops and a narrowed type. Every step is applied by
 * {@code auto}, keeps every row that should survive (counts and digests of the columns it does not
 * touch), and is followed by a run that finds nothing to do. Steps that would lose data, or have no
 * value for existing rows, are first shown to stop without changing a byte of the database. At the
 * end Hibernate's own validation accepts the database and SQLite's integrity and foreign key checks pass.
 */
class EvolutionIT {
    private static final int CUSTOMERS = 5_000;
    private static final int PRODUCTS = 200;
    private static final int ORDERS = 20_000;
    private static final int REGIONS = 10;
    private static final String HISTORY = "automigrate_history";

    @TempDir
    Path tmp;

    private Path project;
    private Path db;
    private final RecordingListener listener = new RecordingListener();
    /** The model's sources: class name to source text; each step edits it, then compiles it afresh. */
    private final Map<String, String> model = new LinkedHashMap<>();
    private final EntityFields fields = new EntityFields();
    private final Map<String, String> tableExtras = new LinkedHashMap<>();
    private int compiled;
    private int appliedRuns;
    private long compileMillis;

    @Test
    void aModelEvolvesStepByStepOnThousandsOfRowsKeepingEveryRow() throws Exception {
        long start = System.nanoTime();
        project = Files.createDirectories(tmp.resolve("shop"));
        db = project.resolve("shop.db");

        // 1. create customer, purchase_order (-> customer), product; then fill them
        entity("Customer", "customer",
                "@Column(nullable = false, length = 100) String name;",
                "@Column(unique = true) String email;");
        entity("Product", "product",
                "@Column(nullable = false, length = 40) String sku;",
                "@Column(precision = 10, scale = 2) BigDecimal price;");
        entity("PurchaseOrder", "purchase_order",
                "@ManyToOne(optional = false) @JoinColumn(name = \"customer_id\") Customer customer;",
                "@Column(name = \"product_id\") Long productId;",
                "int quantity;",
                "@Column(name = \"amount_cents\") long amountCents;",
                "@Column(length = 200) String note;");
        tableExtras.put("Customer", ", indexes = @Index(name = \"idx_customer_name\", columnList = \"name\")");
        tableExtras.put("PurchaseOrder", ", indexes = @Index(name = \"idx_order_customer\", columnList = \"customer_id, amount_cents\")");
        Path v1 = compile();
        AutoResult created = apply("1 create", v1, c -> c, "create table customer", "create table product",
                "create table purchase_order");
        assertThat(created.created()).isTrue();
        assertThat(created.backupFile()).isNull();
        long fill = System.nanoTime();
        fill();
        System.out.printf("   filled %d customers, %d products, %d orders in %d ms%n", CUSTOMERS, PRODUCTS, ORDERS,
                (System.nanoTime() - fill) / 1_000_000);
        assertThat(count("customer")).isEqualTo(CUSTOMERS);
        assertThat(count("purchase_order")).isEqualTo(ORDERS);
        assertThat(noChanges(v1)).isEqualTo(RunStatus.NO_CHANGES);

        // 2. a new table and a nullable column with a foreign key to it: both in place
        entity("Region", "region", "@Column(nullable = false, length = 50) String name;");
        field("Customer", "@ManyToOne @JoinColumn(name = \"region_id\") Region region;");
        Snapshot before2 = snapshot();
        AutoResult step2 = apply("2 add table region, column customer.region_id", compile(), c -> c,
                "create table region", "add column customer.region_id");
        assertThat(descriptions(step2)).noneMatch(d -> d.startsWith("rebuild"));
        assertThat(Files.readString(step2.changelogFile())).doesNotContain("__automigrate_new");
        assertThat(step2.backupFile()).exists();
        before2.assertUnchanged();
        assertThat(query("select \"table\", \"from\", \"to\" from pragma_foreign_key_list('customer')"))
                .containsExactly(List.of("region", "region_id", "id"));
        assertThat(query("select count(*) from customer where region_id is not null")).containsExactly(List.of(0));
        insertRegionsAndAssignCustomers();

        // 3. a NOT NULL column with a declared default (backfilled) and a nullable one, in place
        field("Customer", "@ColumnDefault(\"0\") @Column(name = \"loyalty_points\", nullable = false) int loyaltyPoints;");
        field("Customer", "@Column(length = 40) String nickname;");
        Snapshot before3 = snapshot();
        AutoResult step3 = apply("3 add customer.loyalty_points not null default 0, customer.nickname", compile(),
                c -> c, "add column customer.loyalty_points", "add column customer.nickname");
        assertThat(descriptions(step3)).noneMatch(d -> d.startsWith("rebuild"));
        before3.assertUnchanged();
        assertThat(query("select count(*), sum(loyalty_points), count(nickname) from customer"))
                .containsExactly(List.of(CUSTOMERS, 0, 0));
        execute("update customer set loyalty_points = id % 500",
                "update customer set nickname = 'nick' || id where id % 2 = 0");

        // 4. widen customer.name 100 -> 200: a rebuild of a parent table, foreign keys enforced
        replaceField("Customer", "String name;", "@Column(nullable = false, length = 200) String name;");
        Snapshot before4 = snapshot();
        AutoResult step4 = apply("4 widen customer.name", compile(), c -> c.url(fkUrl()),
                "rebuild table customer", "column name type varchar(100) -> varchar(200)");
        assertThat(Files.readString(step4.changelogFile())).contains("customer__automigrate_new");
        before4.assertUnchanged();
        assertThat(columnType("customer", "name")).isEqualToIgnoringCase("varchar(200)");
        assertChildrenIntact("product");

        // 5. nickname becomes NOT NULL where 2,500 rows hold NULL: stopped without a value, filled with one
        replaceField("Customer", "String nickname;", "@Column(length = 40, nullable = false) String nickname;");
        Path v5 = compile();
        blocked("5 nickname not null without a value", v5, c -> c, ErrorCode.NOT_NULL_WITHOUT_DEFAULT,
                "customer.nickname", CUSTOMERS / 2 + " rows", "-Dmigrate.defaults=customer.nickname=");
        Snapshot before5 = snapshot("nickname");
        apply("5 nickname not null, defaults customer.nickname=unknown", v5,
                c -> c.defaults(List.of("customer.nickname=unknown")), "rebuild table customer",
                "column nickname becomes not null");
        before5.assertUnchanged();
        assertThat(query("select count(*) from customer where nickname is null")).containsExactly(List.of(0));
        assertThat(query("select count(*) from customer where nickname = 'unknown'"))
                .containsExactly(List.of(CUSTOMERS / 2));
        assertThat(query("select count(*) from customer where nickname = 'nick' || id"))
                .containsExactly(List.of(CUSTOMERS / 2));
        assertChildrenIntact("product");

        // 6. rename customer.name -> full_name: without the setting it is a drop plus an add and is stopped;
        //    with it, an in-place rename that keeps every name
        replaceField("Customer", "String name;", "@Column(name = \"full_name\", nullable = false, length = 200) String fullName;");
        tableExtras.put("Customer", ", indexes = @Index(name = \"idx_customer_name\", columnList = \"full_name\")");
        Path v6 = compile();
        MigrateException withoutRename = blocked("6 rename without the renames setting", v6, c -> c, null,
                "The model drops data", "drop column name", "allowDestructive");
        assertThat(withoutRename.code()).isIn(ErrorCode.DESTRUCTIVE_BLOCKED, ErrorCode.NOT_NULL_WITHOUT_DEFAULT);
        PreviewResult renamePreview = engine(v6, c -> c).preview();
        assertThat(renamePreview.changes()).anyMatch(ch -> ch.safety() == Safety.DESTRUCTIVE);
        RowDigest names = RowDigest.of(db, "select id, name from customer order by id");
        Snapshot before6 = snapshot("name");
        AutoResult step6 = apply("6 rename customer.name -> full_name", v6,
                c -> c.renames(List.of("customer.name=full_name")), "rename column customer.name to full_name");
        assertThat(step6.changes()).allMatch(ch -> ch.safety() == Safety.SAFE);
        before6.assertUnchanged();
        assertThat(RowDigest.of(db, "select id, full_name from customer order by id")).isEqualTo(names);
        assertThat(columnNames("customer")).contains("full_name").doesNotContain("name");
        assertThat(query("select name from pragma_index_info('idx_customer_name')")).containsExactly(List.of("full_name"));

        // 7. a unique constraint on product.sku and a unique index on customer.full_name, values distinct
        replaceField("Product", "String sku;", "@Column(nullable = false, unique = true, length = 40) String sku;");
        tableExtras.put("Customer", ", indexes = {@Index(name = \"idx_customer_name\", columnList = \"full_name\"), "
                + "@Index(name = \"ux_customer_full_name\", columnList = \"full_name\", unique = true)}");
        Snapshot before7 = snapshot();
        AutoResult step7 = apply("7 unique product.sku, unique index customer.full_name", compile(), c -> c,
                "rebuild table product", "unique constraint (sku)", "full_name");
        before7.assertUnchanged();
        assertThat(query("select count(*) from pragma_index_list('product') where \"unique\" = 1 and origin <> 'pk'"))
                .containsExactly(List.of(1));
        assertThat(query("select count(*) from pragma_index_list('customer') where \"unique\" = 1 and origin <> 'pk'"))
                .containsExactly(List.of(2)); // email and full_name
        assertThat(step7.changes()).allMatch(ch -> ch.safety() == Safety.SAFE);
        assertChildrenIntact("product");

        // 8a. a foreign key on an existing column of a child table with rows: purchase_order.product_id -> product
        replaceField("PurchaseOrder", "Long productId;", "@ManyToOne @JoinColumn(name = \"product_id\") Product product;");
        Snapshot before8a = snapshot();
        apply("8a foreign key purchase_order.product_id -> product", compile(), c -> c.url(fkUrl()),
                "rebuild table purchase_order", "add foreign key (product_id) -> product");
        before8a.assertUnchanged();
        assertThat(query("select \"table\" from pragma_foreign_key_list('purchase_order') order by \"table\""))
                .containsExactly(List.of("customer"), List.of("product"));
        assertChildrenIntact("product");

        // 8b. a rebuild of the parent table customer while 20,000 orders reference it
        replaceField("Customer", "int loyaltyPoints;",
                "@ColumnDefault(\"10\") @Column(name = \"loyalty_points\", nullable = false) int loyaltyPoints;");
        Snapshot before8b = snapshot();
        apply("8b customer.loyalty_points default 0 -> 10 (parent rebuild)", compile(), c -> c.url(fkUrl()),
                "rebuild table customer", "column loyalty_points default 0 -> 10");
        before8b.assertUnchanged();
        assertChildrenIntact("product");

        // 9. drop purchase_order.note (in place) and customer.region_id (has a foreign key: a rebuild)
        removeField("PurchaseOrder", "String note;");
        removeField("Customer", "Region region;");
        Path v9 = compile();
        blocked("9 drop columns without allowDestructive", v9, c -> c, ErrorCode.DESTRUCTIVE_BLOCKED,
                "drop column purchase_order.note", "region_id", "-Dmigrate.allowDestructive=true");
        Snapshot before9 = snapshot("note", "region_id");
        RowDigest notes = RowDigest.of(db, "select id, note from purchase_order order by id");
        AutoResult step9 = apply("9 drop columns with allowDestructive", v9, c -> c.url(fkUrl()).allowDestructive(true),
                "drop column purchase_order.note", "region_id");
        before9.assertUnchanged();
        assertThat(step9.changes()).anyMatch(ch -> ch.safety() == Safety.DESTRUCTIVE);
        assertThat(RowDigest.of(step9.backupFile(), "select id, note from purchase_order order by id"))
                .as("the backup taken before the drop holds the dropped values").isEqualTo(notes);
        assertThat(columnNames("purchase_order")).doesNotContain("note");
        assertThat(columnNames("customer")).doesNotContain("region_id");
        assertThat(query("select count(*) from pragma_foreign_key_list('customer')")).containsExactly(List.of(0));
        assertChildrenIntact("product");

        // 10. narrow customer.full_name 200 -> 50: destructive, stopped; then allowed (every name fits)
        replaceField("Customer", "String fullName;", "@Column(name = \"full_name\", nullable = false, length = 50) String fullName;");
        Path v10 = compile();
        assertThat(engine(v10, c -> c).preview().changes()).anyMatch(ch -> ch.safety() == Safety.DESTRUCTIVE
                && ch.description().contains("full_name"));
        blocked("10 narrow full_name without allowDestructive", v10, c -> c, ErrorCode.DESTRUCTIVE_BLOCKED,
                "full_name", "varchar(50)", "allowDestructive");
        Snapshot before10 = snapshot();
        apply("10 narrow full_name with allowDestructive", v10, c -> c.allowDestructive(true),
                "rebuild table customer", "column full_name type varchar(200) -> varchar(50)");
        before10.assertUnchanged();
        assertChildrenIntact("product");

        // 11. drop the table region
        model.remove("evo.Region");
        fields.remove("Region");
        Path v11 = compile();
        blocked("11 drop table region without allowDestructive", v11, c -> c, ErrorCode.DESTRUCTIVE_BLOCKED,
                "drop table region", "allowDestructive");
        Snapshot before11 = snapshot();
        apply("11 drop table region", v11, c -> c.url(fkUrl()).allowDestructive(true), "drop table region");
        before11.assertUnchanged();
        assertThat(query("select name from sqlite_master where name = 'region'")).isEmpty();

        // 12. rename the parent table product -> article, which purchase_order's foreign key references
        model.put("evo.Product", "article");
        Path v12 = compile();
        RowDigest products = RowDigest.of(db, "select id, sku, price from product order by id");
        RowDigest orders = RowDigest.of(db, "select * from purchase_order order by id");
        AutoResult step12 = apply("12 rename table product -> article", v12,
                c -> c.url(fkUrl()).renames(List.of("product=article")), "rename table product to article");
        assertThat(step12.changes()).allMatch(ch -> ch.safety() == Safety.SAFE);
        assertThat(RowDigest.of(db, "select id, sku, price from article order by id")).isEqualTo(products);
        assertThat(RowDigest.of(db, "select * from purchase_order order by id")).isEqualTo(orders);
        assertThat(query("select \"table\" from pragma_foreign_key_list('purchase_order') order by \"table\""))
                .containsExactly(List.of("article"), List.of("customer"));
        assertThat(query("select name from sqlite_master where name = 'product'")).isEmpty();
        assertChildrenIntact("article");

        // 13. parent and child rebuilt in one run, foreign keys enforced: customer's default changes, and
        //     purchase_order.product_id (a foreign key) becomes NOT NULL, its NULLs filled by a one-off value
        replaceField("Customer", "int loyaltyPoints;",
                "@ColumnDefault(\"20\") @Column(name = \"loyalty_points\", nullable = false) int loyaltyPoints;");
        replaceField("PurchaseOrder", "Product product;",
                "@ManyToOne(optional = false) @JoinColumn(name = \"product_id\") Product product;");
        Snapshot before13 = snapshot("product_id");
        RowDigest productIds = RowDigest.of(db, "select id, product_id from purchase_order where product_id is not null order by id");
        apply("13 rebuild parent customer and child purchase_order in one run", compile(),
                c -> c.url(fkUrl()).defaults(List.of("purchase_order.product_id=1")), "rebuild table customer",
                "column loyalty_points default 10 -> 20", "rebuild table purchase_order", "column product_id becomes not null");
        before13.assertUnchanged();
        assertThat(query("select count(*) from purchase_order where product_id = 1")).containsExactly(
                List.of(ORDERS / 17 + (int) java.util.stream.IntStream.rangeClosed(1, ORDERS)
                        .filter(i -> i % 17 != 0 && i % PRODUCTS == 0).count()));
        assertThat(RowDigest.of(db, "select id, product_id from purchase_order where id % 17 <> 0 order by id"))
                .isEqualTo(productIds);
        assertThat(query("select count(*) from purchase_order o join customer c on c.id = o.customer_id "
                + "join article a on a.id = o.product_id")).containsExactly(List.of(ORDERS));
        assertThat(query("select * from pragma_foreign_key_check")).isEmpty();
        Path last = tmp.resolve("classes/v" + compiled);

        // the end: Hibernate accepts the database for the final model; SQLite finds nothing wrong; history
        CompiledModelValidate.validate(db, last);
        assertThat(query("pragma integrity_check")).containsExactly(List.of("ok"));
        assertThat(query("select * from pragma_foreign_key_check")).isEmpty();
        assertThat(count("customer")).isEqualTo(CUSTOMERS);
        assertThat(count("article")).isEqualTo(PRODUCTS);
        assertThat(query("select name from sqlite_master where name like '%automigrate_new%' or name like '%automigrate_check%'"))
                .as("no rebuild leftovers").isEmpty();
        assertThat(count("purchase_order")).isEqualTo(ORDERS);
        assertThat(query("select name from pragma_index_list('customer') where origin = 'c'"))
                .containsExactly(List.of("idx_customer_name"));
        assertThat(query("select name from pragma_index_info('idx_order_customer') order by seqno"))
                .containsExactly(List.of("customer_id"), List.of("amount_cents"));
        execute("insert into customer (full_name, email, nickname) values ('Newcomer', 'new@example.org', 'new')",
                "insert into purchase_order (customer_id, product_id, quantity, amount_cents) "
                        + "values ((select id from customer where email = 'new@example.org'), 1, 1, 100)");
        assertThat(query("select id, loyalty_points from customer where email = 'new@example.org'"))
                .containsExactly(List.of(CUSTOMERS + 1, 20));
        assertThat(query("select max(id) from purchase_order")).containsExactly(List.of(ORDERS + 1));
        HistoryResult history = engine(last, c -> c).history(0);
        history.entries().forEach(e -> System.out.println("   history #" + e.id() + " " + e.status() + " " + e.description()));
        assertThat(history.entries()).hasSize(appliedRuns).allMatch(HistoryEntry::succeeded);
        assertThat(history.entries()).extracting(HistoryEntry::status).containsOnly(HistoryEntry.SUCCESS);
        assertThat(changeFiles()).hasSize(appliedRuns);
        assertThat(backups()).as("backupKeep 5 of the %d backups taken", appliedRuns - 1).hasSize(5)
                .last().asString().isEqualTo(history.entries().get(0).backupFile());
        System.out.printf("EvolutionIT: %d applied steps, %d models compiled in %d ms, %d ms in all%n", appliedRuns,
                compiled, compileMillis, (System.nanoTime() - start) / 1_000_000);
    }

    // --- the model ---------------------------------------------------------------------------------

    private void entity(String name, String table, String... entityFields) {
        fields.entity(name, entityFields);
        tableExtras.put(name, "");
        model.put("evo." + name, table);
    }

    private void field(String entity, String field) {
        fields.add(entity, field);
    }

    /** Replaces the field whose declaration ends with {@code declarationEnd} (e.g. {@code "String name;"}). */
    private void replaceField(String entity, String declarationEnd, String replacement) {
        fields.replace(entity, declarationEnd, replacement);
    }

    private void removeField(String entity, String declarationEnd) {
        fields.removeField(entity, declarationEnd);
    }

    /** Writes every entity as source and compiles the model into a fresh directory. */
    private Path compile() {
        Map<String, String> sources = new LinkedHashMap<>();
        fields.forEach((name, entityFields) -> sources.put("evo." + name, """
                package evo;

                import java.math.BigDecimal;

                import jakarta.persistence.*;
                import org.hibernate.annotations.ColumnDefault;

                @Entity
                @Table(name = "%s"%s)
                public class %s {
                    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
                    %s
                }
                """.formatted(model.get("evo." + name), tableExtras.get(name), name,
                String.join("\n    ", entityFields))));
        long t = System.nanoTime();
        Path out = ModelCompiler.compile(sources, tmp.resolve("classes/v" + (++compiled)));
        compileMillis += (System.nanoTime() - t) / 1_000_000;
        return out;
    }

    // --- running the engine ------------------------------------------------------------------------

    private EngineConfig.Builder config(Path classes) {
        return EngineConfig.builder(project)
                .scanRoots(List.of(classes))
                .classpath(List.of(classes))
                .url("jdbc:sqlite:" + db);
    }

    private String fkUrl() {
        return "jdbc:sqlite:" + db + "?foreign_keys=true";
    }

    private Engine engine(Path classes, UnaryOperator<EngineConfig.Builder> customize) {
        return new Engine(customize.apply(config(classes)).build(), listener);
    }

    /**
     * Runs {@code auto}, which must apply a change whose descriptions name every keyword, then runs it again
     * with no one-off settings at all, which must find nothing to do.
     */
    private AutoResult apply(String step, Path classes, UnaryOperator<EngineConfig.Builder> customize,
                             String... keywords) throws Exception {
        AutoResult result = engine(classes, customize).auto();
        System.out.printf("step %s: %s in %d ms%n", step, result.status(), result.elapsed().toMillis());
        result.changes().forEach(c -> System.out.println("   [" + c.safety() + "] " + c.description()));
        if (result.changelogFile() != null) {
            System.out.println("   changelog " + result.changelogFile().getFileName());
        }
        assertThat(result.status()).as(step).isEqualTo(RunStatus.APPLIED);
        assertThat(result.verified()).as(step).isTrue();
        assertThat(result.changelogFile()).as(step).exists();
        String all = String.join("\n", descriptions(result));
        assertThat(all).as(step + ": the changes, changelog:\n" + Files.readString(result.changelogFile()))
                .contains(keywords);
        appliedRuns++;
        long again = System.nanoTime();
        assertThat(noChanges(classes)).as(step + ": a second run").isEqualTo(RunStatus.NO_CHANGES);
        System.out.printf("   second run: NO_CHANGES in %d ms%n", (System.nanoTime() - again) / 1_000_000);
        return result;
    }

    private RunStatus noChanges(Path classes) throws Exception {
        String file = DbChecksum.ofFile(db);
        int files = changeFiles().size();
        AutoResult again = engine(classes, c -> c).auto();
        if (again.status() != RunStatus.NO_CHANGES) {
            System.out.println("   second run: " + again.status() + " " + descriptions(again));
        }
        assertThat(DbChecksum.ofFile(db)).as("a run with nothing to do leaves the file byte-identical").isEqualTo(file);
        assertThat(changeFiles()).hasSize(files);
        return again.status();
    }

    /**
     * Runs {@code auto}, which must stop with the code (if given) and a message naming every part, before
     * it changes anything: the database file byte-identical, no changelog file, no backup.
     */
    private MigrateException blocked(String step, Path classes, UnaryOperator<EngineConfig.Builder> customize,
                                     ErrorCode code, String... messageParts) throws Exception {
        String file = DbChecksum.ofFile(db);
        int files = changeFiles().size();
        int backups = backups().size();
        long t = System.nanoTime();
        MigrateException e = catchThrowableOfType(MigrateException.class, () -> engine(classes, customize).auto());
        System.out.printf("step %s: blocked in %d ms%n", step, (System.nanoTime() - t) / 1_000_000);
        assertThat(e).as(step + ": must be stopped").isNotNull();
        System.out.println("   " + e.code() + ": " + e.getMessage().replace("\n", "\n   "));
        if (code != null) {
            assertThat(e.code()).as(step).isEqualTo(code);
        }
        assertThat(e.getMessage()).as(step).contains(messageParts);
        assertThat(DbChecksum.ofFile(db)).as(step + ": the database file").isEqualTo(file);
        assertThat(changeFiles()).as(step + ": changelog files").hasSize(files);
        assertThat(backups()).as(step + ": backups").hasSize(backups);
        return e;
    }

    private static List<String> descriptions(AutoResult result) {
        return result.changes().stream().map(PlannedChange::description).toList();
    }

    // --- data --------------------------------------------------------------------------------------

    private void fill() throws Exception {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("insert into customer (id, name, email) values (?, ?, ?)")) {
                for (int i = 1; i <= CUSTOMERS; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "Customer " + i + (i % 7 == 0 ? " O'Brien-Ünal" : ""));
                    ps.setString(3, i % 13 == 0 ? null : "c" + i + "@example.org");
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into product (id, sku, price) values (?, ?, ?)")) {
                for (int i = 1; i <= PRODUCTS; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "SKU-" + i);
                    ps.setBigDecimal(3, i % 10 == 0 ? null : new java.math.BigDecimal(i).multiply(new java.math.BigDecimal("1.25")));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into purchase_order "
                    + "(id, customer_id, product_id, quantity, amount_cents, note) values (?, ?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= ORDERS; i++) {
                    ps.setInt(1, i);
                    ps.setInt(2, (i * 7919) % CUSTOMERS + 1);
                    if (i % 17 == 0) {
                        ps.setNull(3, java.sql.Types.BIGINT);
                    } else {
                        ps.setInt(3, i % PRODUCTS + 1);
                    }
                    ps.setInt(4, i % 9 + 1);
                    ps.setLong(5, (i * 104_729L) % 1_000_000L);
                    ps.setString(6, i % 3 == 0 ? null : "note " + i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }

    private void insertRegionsAndAssignCustomers() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            for (int i = 1; i <= REGIONS; i++) {
                st.addBatch("insert into region (id, name) values (" + i + ", 'Region " + i + "')");
            }
            st.addBatch("update customer set region_id = id % " + REGIONS + " + 1 where id % 11 <> 0");
            st.executeBatch();
            c.commit();
        }
    }

    /** Every order still points at an existing customer and (where it has one) product. */
    private void assertChildrenIntact(String productTable) throws Exception {
        assertThat(query("select count(*) from purchase_order o join customer c on c.id = o.customer_id"))
                .containsExactly(List.of(ORDERS));
        assertThat(query("select count(*) from purchase_order o join " + productTable + " p on p.id = o.product_id"))
                .containsExactly(List.of(ORDERS - ORDERS / 17));
        assertThat(query("select * from pragma_foreign_key_check")).isEmpty();
    }

    /**
     * Digests of the model tables' columns, to compare after a step. Columns the step changes on purpose are
     * left out; a column that no longer exists afterwards must be one of them.
     */
    private Snapshot snapshot(String... changedColumns) throws Exception {
        List<String> skip = List.of(changedColumns);
        Map<String, RowDigest> digests = new LinkedHashMap<>();
        Map<String, String> queries = new LinkedHashMap<>();
        for (String table : List.of("customer", "product", "article", "purchase_order", "region")) {
            if (query("select name from sqlite_master where type = 'table' and name = '" + table + "'").isEmpty()) {
                continue;
            }
            List<String> columns = columnNames(table).stream().filter(c -> !skip.contains(c)).sorted().toList();
            String sql = "select " + String.join(", ", columns) + " from " + table + " order by id";
            queries.put(table, sql);
            digests.put(table, RowDigest.of(db, sql));
        }
        return new Snapshot(queries, digests);
    }

    private final class Snapshot {
        private final Map<String, String> queries;
        private final Map<String, RowDigest> digests;

        Snapshot(Map<String, String> queries, Map<String, RowDigest> digests) {
            this.queries = queries;
            this.digests = digests;
        }

        /** The same rows and values in every column that was there before (and is still there, under its name). */
        void assertUnchanged() throws Exception {
            for (Map.Entry<String, String> entry : queries.entrySet()) {
                String table = entry.getKey();
                if (query("select name from sqlite_master where type = 'table' and name = '" + table + "'").isEmpty()) {
                    continue; // dropped on purpose (step 11 checks it)
                }
                assertThat(RowDigest.of(db, entry.getValue())).as("rows of " + table + " (" + entry.getValue() + ")")
                        .isEqualTo(digests.get(table));
            }
        }
    }

    // --- SQL -----------------------------------------------------------------------------------------

    private Connection connect() throws Exception {
        return database().connect();
    }

    private void execute(String... statements) throws Exception {
        database().execute(statements);
    }

    private List<List<Object>> query(String sql) throws Exception {
        return database().query(sql);
    }

    /** The project's {@code shop.db}, through the suite's own SQL helpers. */
    private org.automigrate.engine.support.Project database() {
        return new org.automigrate.engine.support.Project(project);
    }

    private long count(String table) throws Exception {
        return database().count(table);
    }

    private List<String> columnNames(String table) throws Exception {
        return query("select name from pragma_table_info('" + table + "')").stream().map(r -> (String) r.get(0)).toList();
    }

    private String columnType(String table, String column) throws Exception {
        return (String) query("select type from pragma_table_info('" + table + "') where name = '" + column + "'")
                .get(0).get(0);
    }

    private List<Path> changeFiles() throws Exception {
        Path changes = project.resolve("src/main/resources/db/changelog/changes");
        if (!Files.isDirectory(changes)) {
            return List.of();
        }
        try (var files = Files.list(changes)) {
            return files.sorted().toList();
        }
    }

    private List<Path> backups() throws Exception {
        Path backups = project.resolve("backups");
        if (!Files.isDirectory(backups)) {
            return List.of();
        }
        try (var files = Files.list(backups)) {
            return files.sorted().toList();
        }
    }
}
