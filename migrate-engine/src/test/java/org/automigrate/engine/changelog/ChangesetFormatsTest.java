package org.automigrate.engine.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import liquibase.Scope;
import liquibase.change.Change;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.database.core.SQLiteDatabase;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ResourceAccessor;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.RawSqlStatement;
import org.automigrate.engine.config.ChangelogFormat;
import org.automigrate.engine.config.ChangelogSettings;
import org.automigrate.engine.diff.Safety;
import org.automigrate.engine.diff.SchemaChange;
import org.automigrate.engine.schema.DbColumn;
import org.automigrate.engine.schema.DbTable;
import org.automigrate.engine.support.RecordingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every format's text, read back by Liquibase's own parser, gives exactly the statements we rendered. */
class ChangesetFormatsTest {
    @TempDir
    Path dir;

    private static final DbTable TAG = ChangelogWriterTest.TAG;
    private static final DbColumn PHONE = new DbColumn("phone", "varchar(30)", false, "'a;b'", 0, List.of(),
            "phone varchar(30) default 'a;b'");
    private static final DbTable WIDER = new DbTable("tag",
            "CREATE TABLE tag (id integer, name varchar(80) not null, primary key (id))", TAG.columns(),
            TAG.primaryKey(), List.of(), List.of(), TAG.indexes(), List.of(), List.of());

    /** A create, an add with a ';' inside a literal, and a rebuild with BEGIN/COMMIT and multi-line statements. */
    private static List<RenderedChange> changes() {
        return SqliteChangeRenderer.render(List.of(new SchemaChange.CreateTable(TAG),
                new SchemaChange.AddColumn(TAG, TAG, PHONE, null),
                new SchemaChange.RebuildTable(WIDER, TAG, List.of("column name type varchar(50) -> varchar(80)"),
                        List.of("id", "name"), List.of("id", "name"), List.of("post_tag"), Safety.SAFE)));
    }

    /** What Liquibase reads back from one changeset: its flags, statements and rollback statements. */
    private record ReadBack(String comment, boolean runInTransaction, List<String> sql, List<String> rollback,
                            java.util.Set<String> dbms) {
    }

    @ParameterizedTest
    @EnumSource(ChangelogFormat.class)
    void liquibaseReadsBackExactlyTheRenderedStatements(ChangelogFormat format) throws Exception {
        List<RenderedChange> changes = changes();
        Map<String, ReadBack> read = readBack(format, ChangelogWriter.render(format, "0003_x", "ana", "Grow tag", changes));

        assertThat(read).containsOnlyKeys("0003_x", "0003_x-2");
        ReadBack first = read.get("0003_x");
        assertThat(first.comment()).isEqualTo("Grow tag (part 1 of 2)");
        assertThat(first.runInTransaction()).isTrue();
        List<String> firstSql = new ArrayList<>(changes.get(0).sql());
        firstSql.addAll(changes.get(1).sql());
        assertThat(first.sql()).isEqualTo(firstSql);
        assertThat(first.rollback()).containsExactly("alter table tag drop column phone", "drop table tag");

        ReadBack rebuild = read.get("0003_x-2");
        assertThat(rebuild.comment()).isEqualTo("Rebuild table tag: column name type varchar(50) -> varchar(80)");
        assertThat(rebuild.runInTransaction()).isFalse();
        assertThat(rebuild.sql()).isEqualTo(sameStatements(format, changes.get(2).sql()));
        assertThat(rebuild.rollback()).isEqualTo(sameStatements(format, changes.get(2).rollback()));
        assertThat(rebuild.sql()).hasSize(14);
    }

    /** Every changeset says which database it was written for, in each format, as Liquibase reads it back. */
    @ParameterizedTest
    @EnumSource(ChangelogFormat.class)
    void everyChangesetNamesTheDatabaseItWasWrittenFor(ChangelogFormat format) throws Exception {
        Map<String, ReadBack> sqlite = readBack(format, ChangelogWriter.render(format, "0003_x", "ana", "Grow tag",
                changes(), org.automigrate.engine.db.DatabaseKind.SQLITE.liquibaseNames()));
        assertThat(sqlite.values()).extracting(ReadBack::dbms).containsExactly(java.util.Set.of("sqlite"),
                java.util.Set.of("sqlite"));

        Map<String, ReadBack> mariadb = readBack(format, ChangelogWriter.render(format, "0004_y", "ana", "Add",
                changes().subList(0, 1), org.automigrate.engine.db.DatabaseKind.MARIADB.liquibaseNames()));
        assertThat(mariadb.get("0004_y").dbms()).containsExactlyInAnyOrder("mariadb", "mysql");

        assertThat(readBack(format, ChangelogWriter.render(format, "0005_z", "ana", "Add", changes().subList(0, 1)))
                .get("0005_z").dbms()).as("no kind given: no dbms").isEmpty();
    }

    /** Formatted SQL spells SQLite's BEGIN as BEGIN TRANSACTION, which Liquibase's splitter does not take for a block. */
    private static List<String> sameStatements(ChangelogFormat format, List<String> sql) {
        return format == ChangelogFormat.SQL ? sql.stream().map(s -> s.equals("BEGIN") ? "BEGIN TRANSACTION" : s).toList()
                : sql;
    }

    @Test
    void rendersGoldenXmlAndFormattedSql() {
        List<RenderedChange> changes = SqliteChangeRenderer.render(List.of(new SchemaChange.AddColumn(TAG, TAG, PHONE, null)));
        assertThat(ChangelogWriter.render(ChangelogFormat.XML, "0002_add", "ana", "Add <phone> & more", changes))
                .isEqualTo("""
                        <?xml version="1.0" encoding="UTF-8"?>
                        <!-- Generated by Automigrate from the JPA model. Review it like code; it is replayed by -->
                        <!-- Liquibase (mvn migrate:apply, Spring Boot, the Liquibase CLI) exactly as written. -->
                        <databaseChangeLog
                                xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                                xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                                    http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd">
                            <changeSet id="0002_add" author="ana">
                                <comment>Add &lt;phone&gt; &amp; more</comment>
                                <sql splitStatements="false"><comment>add column tag.phone</comment><![CDATA[alter table tag add column phone varchar(30) default 'a;b']]></sql>
                                <rollback>
                                    <sql><![CDATA[alter table tag drop column phone]]></sql>
                                </rollback>
                            </changeSet>
                        </databaseChangeLog>
                        """);
        assertThat(ChangelogWriter.render(ChangelogFormat.SQL, "0002_add", "ana", "Add phone", changes))
                .isEqualTo("""
                        --liquibase formatted sql
                        -- Generated by Automigrate from the JPA model. Review it like code; it is replayed by
                        -- Liquibase (mvn migrate:apply, Spring Boot, the Liquibase CLI) exactly as written.

                        --changeset ana:0002_add
                        --comment: Add phone
                        -- add column tag.phone
                        alter table tag add column phone varchar(30) default 'a;b';
                        --rollback alter table tag drop column phone;
                        """);
    }

    @ParameterizedTest
    @EnumSource(ChangelogFormat.class)
    void theSealSitsWhereLiquibaseIgnoresItAndMatchesItsChecksum(ChangelogFormat format) throws Exception {
        Path root = dir.resolve("src/main/resources");
        ChangelogSettings settings = new ChangelogSettings(root, root.resolve("db/changelog"), null, format);
        ChangelogWriter writer = new ChangelogWriter(settings);
        ChangelogWriter.Written written = writer.write("0001_a", "A", changes());
        assertThat(written.file()).hasFileName("0001_a." + format.extension());
        Map<String, String> before = ChangelogReader.checksums(settings, written.file(), new RecordingListener());
        writer.seal(written, before);
        assertThat(ChangelogReader.checksums(settings, written.file(), new RecordingListener())).isEqualTo(before);
        assertThat(ChangelogReader.brokenSeals(settings, new RecordingListener())).isEmpty();
        Files.writeString(written.file(), Files.readString(written.file()).replace("varchar(50)", "varchar(51)"));
        assertThat(ChangelogReader.brokenSeals(settings, new RecordingListener()))
                .containsExactly("db/changelog/changes/0001_a." + format.extension() + " (changeset 0001_a)");
    }

    private Map<String, ReadBack> readBack(ChangelogFormat format, String text) throws Exception {
        Path root = dir.resolve(format.extension());
        String logical = "changes/x." + format.extension();
        Files.createDirectories(root.resolve("changes"));
        Files.writeString(root.resolve(logical), text);
        return LiquibaseScope.call(root, new RecordingListener(), () -> {
            ResourceAccessor accessor = Scope.getCurrentScope().getResourceAccessor();
            Map<String, ReadBack> result = new LinkedHashMap<>();
            SQLiteDatabase sqlite = new SQLiteDatabase();
            for (ChangeSet cs : ChangeLogParserFactory.getInstance().getParser(logical, accessor)
                    .parse(logical, new ChangeLogParameters(), accessor).getChangeSets()) {
                result.put(cs.getId(), new ReadBack(cs.getComments(), cs.isRunInTransaction(),
                        statements(cs.getChanges(), sqlite), statements(cs.getRollback().getChanges(), sqlite),
                        cs.getDbmsSet() == null ? java.util.Set.of() : cs.getDbmsSet()));
            }
            return result;
        });
    }

    private static List<String> statements(List<Change> changes, SQLiteDatabase database) {
        List<String> sql = new ArrayList<>();
        for (Change change : changes) {
            for (SqlStatement statement : change.generateStatements(database)) {
                sql.add(((RawSqlStatement) statement).getSql().strip());
            }
        }
        return sql;
    }
}
