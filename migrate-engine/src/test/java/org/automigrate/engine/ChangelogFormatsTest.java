package org.automigrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import org.automigrate.engine.changelog.ChangelogReader;
import org.automigrate.engine.support.DbChecksum;
import org.automigrate.engine.support.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each changelog format round-trips: the changesets Automigrate writes in it are read back by Liquibase,
 * applied, verified, rolled back and re-applied, with the seals equal to the checksums Liquibase stores.
 */
class ChangelogFormatsTest {
    private static final String HISTORY = "automigrate_history";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"yaml", "XML", "sql"})
    void eachFormatRoundTripsCreateAddRebuildRollbackAndCheck(String format) throws Exception {
        Project project = new Project(dir);
        String ext = format.toLowerCase(java.util.Locale.ROOT);

        AutoResult created = project.engine("formats1", c -> c.changelogFormat(format)).auto();
        assertThat(created.status()).isEqualTo(RunStatus.APPLIED);
        assertThat(created.changelogFile()).hasFileName("0001_create_table_item." + ext);
        project.execute("insert into item (name) values ('Ada')", "insert into item (name) values ('Bob; the second')");

        AutoResult added = project.engine("formats2", c -> c.changelogFormat(format)).auto();
        assertThat(added.changes()).extracting(PlannedChange::description).containsExactly("add column item.label");
        assertThat(project.query("select name, label from item order by id")).containsExactly(
                List.of("Ada", "a;b"), List.of("Bob; the second", "a;b"));
        project.execute("update item set label = 'x;y' where name = 'Ada'");

        AutoResult rebuilt = project.engine("formats3", c -> c.changelogFormat(format)).auto();
        assertThat(rebuilt.changes()).extracting(PlannedChange::description)
                .singleElement().asString().startsWith("rebuild table item");
        assertThat(rebuilt.verified()).isTrue();
        List<List<Object>> rows = List.of(List.of("Ada", "x;y"), List.of("Bob; the second", "a;b"));
        assertThat(project.query("select name, label from item order by id")).isEqualTo(rows);
        assertThat(project.query("select sql from sqlite_master where name = 'item'").get(0).get(0).toString())
                .contains("varchar(120)");

        List<Path> files = project.changeFiles();
        assertThat(files).extracting(f -> f.getFileName().toString()).allMatch(n -> n.endsWith("." + ext)).hasSize(3);
        assertFormat(ext, Files.readString(files.get(2)));
        if (ext.equals("xml")) {
            for (Path file : files) {
                assertValidAgainstLiquibaseXsd(file);
            }
        }
        // the seals are the checksums Liquibase stored: re-runs find nothing changed
        assertThat(seals(files)).isEqualTo(storedChecksums(project));
        assertThat(project.engine("formats3", c -> c.changelogFormat(format)).auto().status())
                .isEqualTo(RunStatus.NO_CHANGES);
        assertThat(project.engine("formats3").apply(null).status()).isEqualTo(RunStatus.NO_CHANGES);
        assertThat(project.engine("formats3").check().changesets()).isEqualTo(3);

        // rollback of the last changeset (the rebuild) brings the narrower table back, rows and all
        assertThat(project.engine("formats3").rollback(1).rolledBack()).hasSize(1);
        assertThat(project.engine("formats2").verify()).isNotNull();
        assertThat(project.query("select name, label from item order by id")).isEqualTo(rows);
        assertThat(project.engine("formats3").apply(null).applied()).hasSize(1);
        assertThat(project.engine("formats3").verify()).isNotNull();

        // check detects an edited generated file
        Files.writeString(files.get(0), Files.readString(files.get(0)).replace("varchar(50)", "varchar(60)"));
        assertThatThrownBy(() -> project.engine("formats3").check())
                .hasMessageContaining("edited after they were written")
                .hasMessageContaining(files.get(0).getFileName().toString())
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.CHANGELOG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yaml", "xml", "sql"})
    void eachFormatsTemplateHaltsUntilWrittenThenRuns(String format) throws Exception {
        Project project = new Project(dir);
        project.engine("formats1", c -> c.changelogFormat(format)).auto();
        project.execute("insert into item (name) values ('Ada')");
        NewResult template = project.engine("formats1", c -> c.changelogFormat(format).message("Shout names"))
                .newChangeset();
        assertThat(template.changelogFile()).hasFileName("0002_shout_names." + format);
        if (format.equals("xml")) {
            assertValidAgainstLiquibaseXsd(template.changelogFile());
        }
        String before = DbChecksum.of(project.db, HISTORY);
        assertThatThrownBy(() -> project.engine("formats1").auto())
                .hasMessageContaining("Write the migration in db/changelog/changes/0002_shout_names." + format);
        assertThat(DbChecksum.of(project.db, HISTORY)).isEqualTo(before);

        // the user writes it: deletes the precondition, puts in the SQL
        String text = Files.readString(template.changelogFile());
        String written = Arrays.stream(text.split("\n", -1))
                .filter(line -> !line.contains("preConditions") && !line.contains("--precondition")
                        && !line.contains("onFail: HALT") && !line.contains("onFailMessage") && !line.contains("sqlCheck")
                        && !line.contains("expectedResult") && !line.contains("select 'not written yet'"))
                .reduce((a, b) -> a + "\n" + b).orElseThrow()
                .replaceFirst("select 1", "update item set name = upper(name)");
        Files.writeString(template.changelogFile(), written);
        assertThat(project.engine("formats1").auto().applied()).hasSize(1);
        assertThat(project.query("select name from item")).containsExactly(List.of("ADA"));
    }

    @Test
    void anUnknownFormatIsAConfigurationErrorNamingTheAcceptedOnes() {
        assertThatThrownBy(() -> new Project(dir).config("formats1").changelogFormat("json").build())
                .hasMessageContaining("'json'")
                .hasMessageContaining("yaml, xml, sql")
                .hasMessageContaining("-Dmigrate.changelogFormat")
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.CONFIGURATION);
    }

    @Test
    void formattedSqlRefusesAnAuthorItCannotSpell() {
        assertThatThrownBy(() -> new Project(dir).config("formats1").changelogFormat("sql").author("Ana Maria").build())
                .hasMessageContaining("'Ana Maria'")
                .hasMessageContaining("<author>")
                .extracting(e -> ((MigrateException) e).code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThat(new Project(dir).config("formats1").changelogFormat("yaml").author("Ana Maria").build()
                .changelog().author()).isEqualTo("Ana Maria");
    }

    private static void assertFormat(String ext, String rebuild) {
        switch (ext) {
            case "xml" -> assertThat(rebuild).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- automigrate-checksum ")
                    .contains("runInTransaction=\"false\"", "<![CDATA[BEGIN]]>", "<rollback>");
            case "sql" -> assertThat(rebuild).startsWith("--liquibase formatted sql\n-- automigrate-checksum ")
                    .contains("runInTransaction:false", "\nBEGIN TRANSACTION;\n", "\n--rollback BEGIN TRANSACTION;\n");
            default -> assertThat(rebuild).startsWith("# automigrate-checksum ").contains("runInTransaction: false");
        }
    }

    private static Map<String, String> seals(List<Path> files) throws Exception {
        Map<String, String> seals = new LinkedHashMap<>();
        for (Path file : files) {
            Matcher m = ChangelogReader.SEAL.matcher(Files.readString(file));
            while (m.find()) {
                seals.put(m.group(1), m.group(2));
            }
        }
        return seals;
    }

    private static Map<String, String> storedChecksums(Project project) throws Exception {
        Map<String, String> stored = new LinkedHashMap<>();
        for (List<Object> row : project.query("select ID, MD5SUM from DATABASECHANGELOG order by ORDEREXECUTED")) {
            stored.put((String) row.get(0), (String) row.get(1));
        }
        return stored;
    }

    private static void assertValidAgainstLiquibaseXsd(Path file) throws Exception {
        var xsd = ChangelogFormatsTest.class.getClassLoader()
                .getResource("www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd");
        assertThat(xsd).isNotNull();
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.newSchema(xsd).newValidator().validate(new StreamSource(file.toFile()));
    }
}
