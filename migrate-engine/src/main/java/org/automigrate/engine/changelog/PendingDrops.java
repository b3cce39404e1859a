package org.automigrate.engine.changelog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import liquibase.change.AbstractSQLChange;
import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.core.DropColumnChange;
import liquibase.change.core.DropTableChange;
import liquibase.change.core.ModifyDataTypeChange;
import org.automigrate.engine.schema.DbColumn;
import org.automigrate.engine.schema.DbSchema;
import org.automigrate.engine.schema.DbTable;
import org.automigrate.engine.schema.CreateTableSql;

/**
 * What a changeset drops of a database's data, read from Liquibase's parsed changes: {@code dropTable},
 * {@code dropColumn}, a {@code modifyDataType} that narrows, and the same written as SQL ({@code DROP TABLE},
 * {@code ALTER TABLE ... DROP [COLUMN]}, {@code ALTER COLUMN ... TYPE}, {@code MODIFY}). A SQLite table rebuild
 * (a new table, the rows copied, the old one dropped, the new one renamed to its name) drops what its new table
 * lacks. Only tables and columns the database has count: dropping what is not there loses nothing.
 */
final class PendingDrops {
    private static final String ID = "(?:[`\"\\[]?[\\w$]+[`\"\\]]?\\.)?[`\"\\[]?([\\w$]+)[`\"\\]]?";
    private static final String TYPE = "([a-z]+(?:\\s+varying|\\s+precision)?(?:\\s*\\(\\s*\\d+\\s*(?:,\\s*\\d+\\s*)?\\))?)";
    private static final Pattern DROP_TABLE = Pattern.compile("(?is)^\\s*drop\\s+table\\s+(?:if\\s+exists\\s+)?" + ID);
    private static final Pattern RENAME_TABLE = Pattern.compile("(?is)^\\s*alter\\s+table\\s+" + ID + "\\s+rename\\s+to\\s+" + ID);
    private static final Pattern ALTER_TABLE = Pattern.compile("(?is)^\\s*alter\\s+table\\s+(?:only\\s+)?(?:if\\s+exists\\s+)?" + ID + "\\s+(.*)$");
    private static final Pattern DROP_COLUMN = Pattern.compile("(?is)(?:^|,)\\s*drop\\s+(?:column\\s+)?(?:if\\s+exists\\s+)?" + ID);
    private static final Pattern RETYPE = Pattern.compile("(?is)(?:^|,)\\s*(?:alter\\s+(?:column\\s+)?" + ID
            + "\\s+(?:set\\s+data\\s+)?type|modify\\s+(?:column\\s+)?" + ID + ")\\s+" + TYPE);
    private static final Pattern CREATE_TABLE = Pattern.compile("(?is)^\\s*create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?" + ID);
    /** The type of a column definition: what follows the name, up to the first constraint. */
    private static final Pattern DECLARED = Pattern.compile("(?is)^\\s*(?:\"[^\"]*\"|`[^`]*`|\\[[^\\]]*\\]|\\S+)\\s+"
            + "([a-z][a-z ]*?(?:\\s*\\([^)]*\\))?)(?=\\s+(?:not|null|primary|unique|check|default|references|constraint|"
            + "collate|generated|as)\\b|\\s*$)");
    private static final Set<String> NOT_COLUMNS = Set.of("constraint", "index", "foreign", "primary", "check",
            "default", "key", "unique", "partition");

    private final DbSchema live;
    private final BiPredicate<String, String> narrows;
    private final UnaryOperator<String> normalize;

    /**
     * @param live      the database's schema as it is
     * @param narrows   whether a change from the first normalised type to the second can lose data
     * @param normalize a declared type in the spelling {@code narrows} compares
     */
    PendingDrops(DbSchema live, BiPredicate<String, String> narrows, UnaryOperator<String> normalize) {
        this.live = live;
        this.narrows = narrows;
        this.normalize = normalize;
    }

    /** What the changes of one changeset drop, in words. */
    List<String> of(List<Change> changes) {
        Set<String> drops = new LinkedHashSet<>();
        List<String> statements = new ArrayList<>();
        for (Change change : changes) {
            if (change instanceof DropTableChange drop) {
                table(drop.getTableName()).ifPresent(t -> drops.add("drop table " + t.name()));
            } else if (change instanceof DropColumnChange drop) {
                List<String> names = new ArrayList<>();
                if (drop.getColumnName() != null) {
                    names.add(drop.getColumnName());
                }
                if (drop.getColumns() != null) {
                    drop.getColumns().stream().map(ColumnConfig::getName).forEach(names::add);
                }
                names.forEach(c -> dropColumn(drop.getTableName(), c, drops));
            } else if (change instanceof ModifyDataTypeChange type) {
                retype(type.getTableName(), type.getColumnName(), type.getNewDataType(), drops);
            } else if (change instanceof AbstractSQLChange sql) {
                String text;
                try {
                    text = sql.getSql();
                } catch (RuntimeException unreadable) {
                    text = null;
                }
                if (text != null) {
                    statements.addAll(split(text));
                }
            }
        }
        sql(statements, drops);
        return List.copyOf(drops);
    }

    private void sql(List<String> statements, Set<String> drops) {
        Set<String> renamedTo = new java.util.HashSet<>();
        java.util.Map<String, String> created = new java.util.HashMap<>();
        java.util.Map<String, String> renamedFrom = new java.util.HashMap<>();
        for (String statement : statements) {
            Matcher rename = RENAME_TABLE.matcher(statement);
            if (rename.find()) {
                renamedTo.add(key(rename.group(2)));
                renamedFrom.put(key(rename.group(2)), key(rename.group(1)));
            }
            Matcher create = CREATE_TABLE.matcher(statement);
            if (create.find()) {
                created.put(key(create.group(1)), statement);
            }
        }
        for (String statement : statements) {
            Matcher drop = DROP_TABLE.matcher(statement);
            if (drop.find()) {
                String table = drop.group(1);
                if (!renamedTo.contains(key(table))) {
                    table(table).ifPresent(t -> drops.add("drop table " + t.name()));
                } else {
                    rebuilt(table, created.get(renamedFrom.get(key(table))), drops);
                }
                continue;
            }
            Matcher alter = ALTER_TABLE.matcher(statement);
            if (!alter.find()) {
                continue;
            }
            String table = alter.group(1);
            String rest = alter.group(2);
            Matcher column = DROP_COLUMN.matcher(rest);
            while (column.find()) {
                if (!NOT_COLUMNS.contains(key(column.group(1)))) {
                    dropColumn(table, column.group(1), drops);
                }
            }
            Matcher retype = RETYPE.matcher(rest);
            while (retype.find()) {
                retype(table, retype.group(1) != null ? retype.group(1) : retype.group(2), retype.group(3), drops);
            }
        }
    }

    /** A SQLite rebuild of {@code table} from the new table {@code create} makes: the columns it loses or narrows. */
    private void rebuilt(String table, String create, Set<String> drops) {
        Optional<DbTable> old = table(table);
        if (old.isEmpty() || create == null) {
            return;
        }
        CreateTableSql replacement = CreateTableSql.parse(create);
        for (DbColumn column : old.get().columns()) {
            CreateTableSql.ColumnDef kept = replacement.column(column.name());
            if (kept == null) {
                drops.add("drop column " + old.get().name() + "." + column.name());
                continue;
            }
            Matcher declared = DECLARED.matcher(kept.text());
            if (declared.find()) {
                retype(table, column.name(), declared.group(1), drops);
            }
        }
    }

    private void dropColumn(String table, String column, Set<String> drops) {
        table(table).flatMap(t -> t.column(column)).ifPresent(c -> drops.add("drop column "
                + table(table).orElseThrow().name() + "." + c.name()));
    }

    private void retype(String table, String column, String type, Set<String> drops) {
        if (type == null) {
            return;
        }
        Optional<DbColumn> old = table(table).flatMap(t -> t.column(column));
        if (old.isEmpty()) {
            return;
        }
        String from = normalize.apply(old.get().type()).toLowerCase(Locale.ROOT);
        String to = normalize.apply(type).toLowerCase(Locale.ROOT);
        if (!from.equals(to) && narrows.test(from, to)) {
            drops.add("narrow " + table(table).orElseThrow().name() + "." + old.get().name() + " from " + from + " to " + to);
        }
    }

    private Optional<DbTable> table(String name) {
        return name == null ? Optional.empty() : live.table(name);
    }

    private static List<String> split(String sql) {
        List<String> result = new ArrayList<>();
        for (String part : sql.split(";")) {
            String statement = part.replaceAll("(?m)^\\s*--.*$", "").strip();
            if (!statement.isEmpty()) {
                result.add(statement);
            }
        }
        return result;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
