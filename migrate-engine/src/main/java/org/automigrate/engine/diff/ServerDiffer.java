package org.automigrate.engine.diff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import liquibase.CatalogAndSchema;
import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.AddDefaultValueChange;
import liquibase.change.core.AddForeignKeyConstraintChange;
import liquibase.change.core.AddNotNullConstraintChange;
import liquibase.change.core.AddPrimaryKeyChange;
import liquibase.change.core.AddUniqueConstraintChange;
import liquibase.change.core.CreateIndexChange;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.DropColumnChange;
import liquibase.change.core.DropDefaultValueChange;
import liquibase.change.core.DropForeignKeyConstraintChange;
import liquibase.change.core.DropIndexChange;
import liquibase.change.core.DropNotNullConstraintChange;
import liquibase.change.core.DropPrimaryKeyChange;
import liquibase.change.core.DropTableChange;
import liquibase.change.core.DropUniqueConstraintChange;
import liquibase.change.core.ModifyDataTypeChange;
import liquibase.change.core.RenameTableChange;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.diff.DiffResult;
import liquibase.diff.compare.CompareControl;
import liquibase.diff.output.DiffOutputControl;
import liquibase.diff.output.changelog.DiffToChangeLog;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.DatabaseFunction;
import liquibase.statement.SqlStatement;
import liquibase.structure.DatabaseObject;
import liquibase.structure.core.Column;
import liquibase.structure.core.ForeignKey;
import liquibase.structure.core.Index;
import liquibase.structure.core.PrimaryKey;
import liquibase.structure.core.Sequence;
import liquibase.structure.core.Table;
import liquibase.structure.core.UniqueConstraint;
import liquibase.structure.core.View;
import liquibase.diff.DiffGeneratorFactory;
import liquibase.snapshot.DatabaseSnapshot;
import liquibase.snapshot.SnapshotControl;
import liquibase.snapshot.SnapshotGeneratorFactory;

import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.db.ServerDatabase;

/**
 * The difference between a live PostgreSQL or MariaDB database and a shadow database holding the model,
 * as {@link SchemaChange.ServerChange}s with the server's SQL. Liquibase snapshots both databases (the
 * same driver on both sides, so type spellings agree) and compares tables, columns, keys, indexes,
 * unique constraints, sequences and views; the engine then
 * <ul>
 *   <li>scrubs MariaDB's {@code NULL} defaults (reported as the text {@code NULL}, they would become
 *       {@code DEFAULT 'null'} and fail on ENUM columns),</li>
 *   <li>applies configured renames to the live snapshot first, so renamed columns and tables keep their data,</li>
 *   <li>compares CHECK constraints itself (Liquibase's open-source edition does not see them, and a new enum
 *       constant on PostgreSQL lives only there),</li>
 *   <li>leaves out Liquibase's and its own tables and {@code ignoreTables},</li>
 *   <li>classifies each change as safe or destructive and enforces the NOT NULL rule (MariaDB would fill
 *       existing rows with {@code ''} or 0 without a word),</li>
 *   <li>writes SQL without catalog or schema names, so the changelog runs on any database of the same kind.</li>
 * </ul>
 */
public final class ServerDiffer {
    private static final Set<Class<? extends DatabaseObject>> TYPES = Set.of(Table.class, Column.class,
            PrimaryKey.class, ForeignKey.class, Index.class, UniqueConstraint.class, Sequence.class, View.class);

    private final DatabaseKind kind;
    private final IgnoredTables ignored;
    private final Map<String, String> renames;
    private final Map<String, String> defaults;
    /** The shadow holding the model, for what the comparison needs to read there itself (set by {@link #diff}). */
    private Connection shadow;
    private String shadowSchema;
    private Connection live;
    private String liveSchema;
    /** table.column (lower case) to the model's default, an SQL expression, for NULLs a NOT NULL change fills. */
    private final Map<String, String> modelFills = new java.util.HashMap<>();

    public ServerDiffer(DatabaseKind kind, IgnoredTables ignored, Map<String, String> renames, Map<String, String> defaults) {
        this.kind = kind;
        this.ignored = ignored;
        this.renames = renames;
        this.defaults = defaults;
    }

    /**
     * The changes that make {@code live} (schema {@code liveSchema}) match {@code shadow} (schema
     * {@code shadowSchema}). {@code data} answers row counts for the NOT NULL rule (null: there are no rows).
     */
    public SchemaDiff diff(Connection shadow, String shadowSchema, Connection live, String liveSchema, Connection data)
            throws Exception {
        this.shadow = shadow;
        this.shadowSchema = shadowSchema;
        this.live = live;
        this.liveSchema = liveSchema;
        Database reference = database(shadow);
        Database target = database(live);
        CatalogAndSchema referenceSchema = schema(shadowSchema);
        CatalogAndSchema targetSchema = schema(liveSchema);
        List<String> undo = new ArrayList<>();
        try {
            List<SchemaChange> renamed = renameInShadow(shadow, shadowSchema, live, liveSchema, target, undo);
            SchemaDiff diff = compare(reference, referenceSchema, target, targetSchema, shadow, shadowSchema, live,
                    liveSchema, data);
            List<SchemaChange> changes = new ArrayList<>(diff.changes());
            changes.addAll(renamed);
            return diff.withChanges(changes);
        } finally {
            for (String statement : undo) {
                execute(shadow, statement);
            }
        }
    }

    private SchemaDiff compare(Database reference, CatalogAndSchema referenceSchema, Database target,
                               CatalogAndSchema targetSchema, Connection shadow, String shadowSchema, Connection live,
                               String liveSchema, Connection data) throws Exception {
        CompareControl control = new CompareControl(new CompareControl.SchemaComparison[] {
                new CompareControl.SchemaComparison(referenceSchema, targetSchema)}, new java.util.HashSet<>(TYPES));
        DatabaseSnapshot referenceSnapshot = snapshot(reference, referenceSchema);
        DatabaseSnapshot targetSnapshot = snapshot(target, targetSchema);
        scrubNullDefaults(referenceSnapshot);
        scrubNullDefaults(targetSnapshot);
        List<SchemaChange> changes = new ArrayList<>();
        DiffResult result = DiffGeneratorFactory.getInstance().compare(referenceSnapshot, targetSnapshot, control);
        DiffOutputControl output = new DiffOutputControl(false, false, false, control.getSchemaComparisons());
        target.setOutputDefaultCatalog(false);
        target.setOutputDefaultSchema(false);
        List<String> blockers = new ArrayList<>();
        Map<String, String[]> redefined = new LinkedHashMap<>(); // MariaDB: table.column -> {table, column, fill}
        for (ChangeSet changeSet : new DiffToChangeLog(result, output).generateChangeSets()) {
            for (Change change : changeSet.getChanges()) {
                String table = tableOf(change);
                if (table != null && ignored.test(table)) {
                    continue;
                }
                if (change instanceof AddUniqueConstraintChange unique && alreadyUnique(live, liveSchema, table,
                        unique.getColumnNames())) {
                    continue;
                }
                List<SchemaChange> converted = convert(change, table, targetSnapshot, target, data, blockers);
                String column = kind == DatabaseKind.MARIADB ? redefinedColumn(change) : null;
                if (column == null) {
                    changes.addAll(converted);
                    continue;
                }
                String[] entry = redefined.computeIfAbsent((table + "." + column).toLowerCase(Locale.ROOT),
                        k -> new String[] {table, column, null});
                if (change instanceof AddNotNullConstraintChange notNull && notNull.getDefaultNullValue() != null) {
                    entry[2] = literal(notNull.getDefaultNullValue());
                } else if (change instanceof AddNotNullConstraintChange) {
                    entry[2] = modelFills.get((table + "." + column).toLowerCase(Locale.ROOT));
                }
            }
        }
        if (kind == DatabaseKind.MARIADB) {
            for (String[] column : generatedDifferences(shadow, shadowSchema, live, liveSchema)) {
                redefined.putIfAbsent((column[0] + "." + column[1]).toLowerCase(Locale.ROOT),
                        new String[] {column[0], column[1], null});
            }
        } else {
            changes.addAll(identities(shadow, shadowSchema, live, liveSchema, target));
        }
        for (String[] column : redefined.values()) {
            SchemaChange.ServerChange change = redefineColumn(column[0], column[1], column[2], shadow, shadowSchema, live,
                    liveSchema, target);
            if (change != null) {
                changes.add(change);
            }
        }
        changes.addAll(checkConstraints(shadow, shadowSchema, live, liveSchema, target));
        SchemaDiff diff = SchemaDiff.of(changes);
        for (String blocker : blockers) {
            diff = diff.withBlocker(new SchemaDiff.Blocker(ErrorCode.NOT_NULL_WITHOUT_DEFAULT, blocker));
        }
        return renameHints(diff, referenceSnapshot, targetSnapshot);
    }

    private static Database database(Connection connection) throws Exception {
        return DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
    }

    private CatalogAndSchema schema(String name) {
        return kind == DatabaseKind.POSTGRESQL ? new CatalogAndSchema(null, name) : new CatalogAndSchema(name, null);
    }

    private static DatabaseSnapshot snapshot(Database database, CatalogAndSchema schema) throws Exception {
        return SnapshotGeneratorFactory.getInstance().createSnapshot(schema, database,
                new SnapshotControl(database, TYPES.toArray(Class[]::new)));
    }

    /** MariaDB reports a column without default as having the default text {@code NULL}. */
    private static void scrubNullDefaults(DatabaseSnapshot snapshot) {
        for (Column column : snapshot.get(Column.class)) {
            Object value = column.getDefaultValue();
            if (value != null && (value instanceof DatabaseFunction || value instanceof String)
                    && value.toString().strip().equalsIgnoreCase("NULL")) {
                column.setDefaultValue(null);
            }
        }
    }

    /**
     * The configured renames that apply (the database has the old name and not the new one; the model has the
     * new name and not the old one), each made the other way round in the shadow, so that the comparison sees
     * the renamed table or column as the same one and carries its other differences over. The returned
     * changes rename the live objects; they run after the rest, which refers to the old names. {@code undo}
     * receives the statements that put the shadow back.
     */
    private List<SchemaChange> renameInShadow(Connection shadow, String shadowSchema, Connection live, String liveSchema,
                                              Database database, List<String> undo) throws Exception {
        List<SchemaChange> changes = new ArrayList<>();
        for (Map.Entry<String, String> rename : renames.entrySet()) {
            String from = rename.getKey();
            String to = rename.getValue();
            int dot = from.indexOf('.');
            if (dot < 0) {
                String old = tableName(live, liveSchema, from);
                String wanted = tableName(shadow, shadowSchema, to);
                if (old == null || wanted == null || tableName(live, liveSchema, to) != null
                        || tableName(shadow, shadowSchema, from) != null) {
                    continue;
                }
                execute(shadow, "ALTER TABLE " + q(shadow, wanted) + " RENAME TO " + q(shadow, old));
                undo.add(0, "ALTER TABLE " + q(shadow, old) + " RENAME TO " + q(shadow, wanted));
                RenameTableChange change = new RenameTableChange();
                change.setOldTableName(old);
                change.setNewTableName(wanted);
                changes.add(rendered("renameTable", wanted, "rename table " + old + " to " + wanted, Safety.SAFE,
                        change, database));
                continue;
            }
            String table = tableName(live, liveSchema, from.substring(0, dot));
            String shadowTable = tableName(shadow, shadowSchema, from.substring(0, dot));
            if (table == null || shadowTable == null) {
                continue;
            }
            String[] old = column(live, liveSchema, table, from.substring(dot + 1));
            String[] wanted = column(shadow, shadowSchema, shadowTable, to);
            if (old == null || wanted == null || column(live, liveSchema, table, to) != null
                    || column(shadow, shadowSchema, shadowTable, from.substring(dot + 1)) != null) {
                continue;
            }
            execute(shadow, "ALTER TABLE " + q(shadow, shadowTable) + " RENAME COLUMN " + q(shadow, wanted[0])
                    + " TO " + q(shadow, old[0]));
            undo.add(0, "ALTER TABLE " + q(shadow, shadowTable) + " RENAME COLUMN " + q(shadow, old[0]) + " TO "
                    + q(shadow, wanted[0]));
            // RENAME COLUMN keeps the column's definition on both servers (MariaDB 10.5+, MySQL 8); Liquibase's
            // renameColumn writes MariaDB's CHANGE, which redefines the column and drops what the type omits
            String quotedTable = database.escapeObjectName(table, Table.class);
            String oldName = database.escapeObjectName(old[0], Column.class);
            String newName = database.escapeObjectName(wanted[0], Column.class);
            changes.add(new SchemaChange.ServerChange("renameColumn", table, "rename column " + table + "." + old[0]
                    + " to " + wanted[0], Safety.SAFE,
                    List.of("ALTER TABLE " + quotedTable + " RENAME COLUMN " + oldName + " TO " + newName),
                    List.of("ALTER TABLE " + quotedTable + " RENAME COLUMN " + newName + " TO " + oldName)));
        }
        return changes;
    }

    /** The table's name as the database spells it, or null. */
    private String tableName(Connection connection, String schema, String name) throws SQLException {
        var meta = connection.getMetaData();
        try (ResultSet rs = kind == DatabaseKind.POSTGRESQL ? meta.getTables(null, schema, null, new String[] {"TABLE"})
                : meta.getTables(schema, null, null, new String[] {"TABLE"})) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").equalsIgnoreCase(name)) {
                    return rs.getString("TABLE_NAME");
                }
            }
        }
        return null;
    }

    /** The column's name as spelled and its full type (for MariaDB's rename), or null. */
    private String[] column(Connection connection, String schema, String table, String name) throws SQLException {
        var meta = connection.getMetaData();
        try (ResultSet rs = kind == DatabaseKind.POSTGRESQL ? meta.getColumns(null, schema, table, null)
                : meta.getColumns(schema, null, table, null)) {
            while (rs.next()) {
                if (rs.getString("COLUMN_NAME").equalsIgnoreCase(name)) {
                    String type = rs.getString("TYPE_NAME");
                    int size = rs.getInt("COLUMN_SIZE");
                    boolean sized = type.toLowerCase(Locale.ROOT).contains("char");
                    return new String[] {rs.getString("COLUMN_NAME"), sized ? type + "(" + size + ")" : type};
                }
            }
        }
        return null;
    }

    private static String q(Connection connection, String identifier) throws SQLException {
        return ServerDatabase.quote(connection, identifier);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (java.sql.Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    private static <T extends DatabaseObject> T find(Iterable<T> objects, String name) {
        for (T object : objects) {
            if (object.getName() != null && object.getName().equalsIgnoreCase(name)) {
                return object;
            }
        }
        return null;
    }

    private List<SchemaChange> convert(Change change, String table, DatabaseSnapshot live, Database database,
                                       Connection data, List<String> blockers) throws Exception {
        if (change instanceof AddColumnChange add) {
            List<SchemaChange> result = new ArrayList<>();
            for (var column : add.getColumns()) {
                result.addAll(addColumn(add, column, database, data, blockers));
            }
            return result;
        }
        if (change instanceof ModifyDataTypeChange type && kind == DatabaseKind.POSTGRESQL) {
            return typeChange(table, type.getColumnName(), database);
        }
        if (change instanceof AddNotNullConstraintChange notNull) {
            long nulls = data == null ? 0 : ServerDatabase.nullCount(data, table, notNull.getColumnName());
            String fill = defaults.get(table + "." + notNull.getColumnName());
            String modelDefault = nulls > 0 && fill == null ? modelDefault(table, notNull.getColumnName()) : null;
            if (nulls > 0 && fill == null && modelDefault == null) {
                blockers.add(SqlitePlanner.notNullMessage(table, notNull.getColumnName(), nulls, true));
            } else if (nulls > 0 && fill != null) {
                notNull.setDefaultNullValue(liquibaseValue(fill));
            } else if (modelDefault != null) {
                // as on SQLite: the rows that hold NULL take the default the model declares for the column
                modelFills.put((table + "." + notNull.getColumnName()).toLowerCase(Locale.ROOT), modelDefault);
                SchemaChange.ServerChange alter = rendered(name(change), table, describe(change, table),
                        Safety.SAFE, change, database);
                List<String> sql = new ArrayList<>();
                sql.add("UPDATE " + database.escapeObjectName(table, Table.class) + " SET "
                        + database.escapeObjectName(notNull.getColumnName(), Column.class) + " = " + modelDefault
                        + " WHERE " + database.escapeObjectName(notNull.getColumnName(), Column.class) + " IS NULL");
                sql.addAll(alter.sql());
                return List.of(new SchemaChange.ServerChange(alter.kind(), table, alter.description()
                        + " (NULLs set to its default " + modelDefault + ")", Safety.SAFE, sql, alter.rollback()));
            }
        }
        return List.of(rendered(name(change), table == null ? "" : table, describe(change, table), safety(change, table, live),
                change, database));
    }

    /**
     * On MariaDB/MySQL, the column a type, nullability or default change is about (else null). Liquibase writes
     * those as {@code MODIFY column type}, which redefines the whole column and silently drops what the type
     * leaves out (NOT NULL, DEFAULT, AUTO_INCREMENT, COMMENT); the engine writes one {@code MODIFY} per column
     * with the model's full definition instead.
     */
    private static String redefinedColumn(Change change) {
        if (change instanceof ModifyDataTypeChange c) {
            return c.getColumnName();
        }
        if (change instanceof AddNotNullConstraintChange c) {
            return c.getColumnName();
        }
        if (change instanceof DropNotNullConstraintChange c) {
            return c.getColumnName();
        }
        if (change instanceof AddDefaultValueChange c) {
            return c.getColumnName();
        }
        if (change instanceof DropDefaultValueChange c) {
            return c.getColumnName();
        }
        return null;
    }

    /**
     * A PostgreSQL type change, from the types both catalogs spell with {@code format_type}: none when they name
     * the same type (a database another tool built writes {@code timestamp} where Hibernate writes
     * {@code timestamp(6)}), else {@code ALTER COLUMN ... TYPE} to exactly the shadow's type (Liquibase's own
     * rendering writes {@code timestamp(6) with time zone} as {@code TIMESTAMP WITHOUT TIME ZONE}).
     */
    private List<SchemaChange> typeChange(String table, String column, Database database) throws SQLException {
        String from = pgType(live, liveSchema, table, column);
        String to = pgType(shadow, shadowSchema, table, column);
        if (from == null || to == null || ServerTypes.same(from, to)) {
            return List.of();
        }
        String quotedTable = database.escapeObjectName(table, Table.class);
        String quoted = database.escapeObjectName(column, Column.class);
        return List.of(new SchemaChange.ServerChange("modifyDataType", table, "change type of " + table + "." + column
                + " from " + from + " to " + to, ServerTypes.narrows(from, to) ? Safety.DESTRUCTIVE : Safety.SAFE,
                List.of("ALTER TABLE " + quotedTable + " ALTER COLUMN " + quoted + " TYPE " + to + " USING " + quoted
                        + "::" + to),
                List.of("ALTER TABLE " + quotedTable + " ALTER COLUMN " + quoted + " TYPE " + from + " USING " + quoted
                        + "::" + from)));
    }

    /** A PostgreSQL column's type as {@code format_type} spells it, or null. */
    private static String pgType(Connection connection, String schema, String table, String column) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select format_type(a.atttypid, a.atttypmod) "
                + "from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace "
                + "where n.nspname = ? and lower(c.relname) = lower(?) and lower(a.attname) = lower(?) and a.attnum > 0 "
                + "and not a.attisdropped")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setString(3, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** A configured one-off value as an SQL literal: numbers as they are, anything else quoted. */
    private static String literal(String value) {
        return value.matches("-?\\d+(\\.\\d+)?") ? value : "'" + value.replace("'", "''") + "'";
    }

    /** The default the model declares for a column, as the server's SQL expression (from the shadow), or null. */
    private String modelDefault(String table, String column) throws SQLException {
        try (PreparedStatement ps = shadow.prepareStatement("select column_default from information_schema.columns "
                + "where table_schema = ? and lower(table_name) = lower(?) and lower(column_name) = lower(?)")) {
            ps.setString(1, shadowSchema);
            ps.setString(2, table);
            ps.setString(3, column);
            try (ResultSet rs = ps.executeQuery()) {
                String def = rs.next() ? rs.getString(1) : null;
                return def == null || def.isBlank() || def.strip().equalsIgnoreCase("NULL") ? null : def.strip();
            }
        }
    }

    /**
     * {@code ALTER TABLE t MODIFY c <the model's full definition>}, its rollback to the live definition; {@code fill}
     * (an SQL expression) first replaces the column's NULLs. Null when the two definitions differ only in how the
     * type is spelled.
     */
    private SchemaChange.ServerChange redefineColumn(String table, String column, String fill, Connection shadow,
                                                    String shadowSchema, Connection live, String liveSchema,
                                                    Database database) throws SQLException {
        String[] wanted = columnDefinition(shadow, shadowSchema, table, column);
        String[] present = columnDefinition(live, liveSchema, table, column);
        if (fill == null && present != null && ServerTypes.same(present[0], wanted[0])
                && present[1].substring(present[1].indexOf(' ') + 1 + present[0].length())
                .equals(wanted[1].substring(wanted[1].indexOf(' ') + 1 + wanted[0].length()))) {
            return null; // the same column spelled another way (tinyint(1) for bit(1), int(11) for int)
        }
        String quotedTable = database.escapeObjectName(table, Table.class);
        List<String> sql = new ArrayList<>();
        if (fill != null) {
            sql.add("UPDATE " + quotedTable + " SET " + q(live, column) + " = " + fill + " WHERE " + q(live, column)
                    + " IS NULL");
        }
        sql.add("ALTER TABLE " + quotedTable + " MODIFY " + wanted[1]);
        List<String> rollback = present == null ? null : List.of("ALTER TABLE " + quotedTable + " MODIFY " + present[1]);
        Safety safety = present != null && ServerTypes.narrows(present[0], wanted[0]) ? Safety.DESTRUCTIVE : Safety.SAFE;
        return new SchemaChange.ServerChange("modifyColumn", table, "change column " + table + "." + column + " to "
                + wanted[1].substring(wanted[1].indexOf(' ') + 1) + (fill == null ? "" : " (NULLs set to " + fill + ")"),
                safety, sql, rollback);
    }

    /** A MariaDB column's type and its full definition ({@code name type [NOT] NULL [DEFAULT] [extra] [COMMENT]}). */
    private static String[] columnDefinition(Connection connection, String schema, String table, String column)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select column_name, column_type, is_nullable, "
                + "column_default, extra, column_comment from information_schema.columns where table_schema = ? "
                + "and lower(table_name) = lower(?) and lower(column_name) = lower(?)")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setString(3, column);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                StringBuilder definition = new StringBuilder(q(connection, rs.getString(1))).append(' ')
                        .append(rs.getString(2)).append("NO".equals(rs.getString(3)) ? " NOT NULL" : " NULL");
                String def = rs.getString(4);
                if (def != null && !def.equalsIgnoreCase("NULL")) {
                    definition.append(" DEFAULT ").append(def);
                }
                String extra = rs.getString(5) == null ? "" : rs.getString(5).toLowerCase(Locale.ROOT);
                if (extra.contains("auto_increment")) {
                    definition.append(" AUTO_INCREMENT");
                }
                if (extra.contains("on update")) {
                    definition.append(' ').append(extra.substring(extra.indexOf("on update")));
                }
                String comment = rs.getString(6);
                if (comment != null && !comment.isEmpty()) {
                    definition.append(" COMMENT '").append(comment.replace("'", "''")).append('\'');
                }
                return new String[] {rs.getString(2), definition.toString()};
            }
        }
    }

    /** An added NOT NULL column without a default on a table with rows needs a value for those rows. */
    private List<SchemaChange> addColumn(AddColumnChange add, liquibase.change.AddColumnConfig column, Database database,
                                         Connection data, List<String> blockers) throws Exception {
        String table = add.getTableName();
        boolean notNull = column.getConstraints() != null && Boolean.FALSE.equals(column.getConstraints().isNullable());
        boolean hasDefault = column.getDefaultValueObject() != null;
        AddColumnChange single = new AddColumnChange();
        single.setTableName(table);
        single.addColumn(column);
        String description = "add column " + table + "." + column.getName() + (notNull ? " (not null" + (hasDefault
                ? ", default " + column.getDefaultValueObject() + ")" : ")") : "");
        if (!notNull || hasDefault) {
            return List.of(rendered("addColumn", table, description, Safety.SAFE, single, database));
        }
        long rows = data == null ? 0 : ServerDatabase.rowCount(data, table);
        if (rows == 0) {
            return List.of(rendered("addColumn", table, description, Safety.SAFE, single, database));
        }
        String fill = defaults.get(table + "." + column.getName());
        if (fill == null) {
            blockers.add(SqlitePlanner.notNullMessage(table, column.getName(), rows, false));
            return List.of(rendered("addColumn", table, description, Safety.SAFE, single, database));
        }
        // add it nullable, fill the existing rows, then make it NOT NULL: no default is left behind
        column.getConstraints().setNullable(true);
        AddNotNullConstraintChange notNullChange = new AddNotNullConstraintChange();
        notNullChange.setTableName(table);
        notNullChange.setColumnName(column.getName());
        notNullChange.setColumnDataType(column.getType());
        notNullChange.setDefaultNullValue(liquibaseValue(fill));
        SchemaChange.ServerChange added = rendered("addColumn", table, description + ", existing rows set to " + fill,
                Safety.SAFE, single, database);
        SchemaChange.ServerChange filled = rendered("addNotNullConstraint", table, "fill and make " + table + "."
                + column.getName() + " NOT NULL", Safety.SAFE, notNullChange, database);
        List<String> sql = new ArrayList<>(added.sql());
        sql.addAll(filled.sql());
        return List.of(new SchemaChange.ServerChange("addColumn", table, added.description(), Safety.SAFE, sql,
                added.rollback()));
    }

    /**
     * A {@code defaults} entry is an SQL literal ({@code 'unknown'}, {@code 0}); Liquibase quotes the value it is
     * given itself, so a quoted literal is handed over as its text (else the rows would hold {@code 'unknown'}
     * with the quotes).
     */
    static String liquibaseValue(String literal) {
        if (literal.length() >= 2 && literal.startsWith("'") && literal.endsWith("'")) {
            return literal.substring(1, literal.length() - 1).replace("''", "'");
        }
        return literal;
    }

    private static String name(Change change) {
        String simple = change.getClass().getSimpleName().replace("Change", "");
        return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    }

    private static SchemaChange.ServerChange rendered(String kind, String table, String description, Safety safety,
                                                      Change change, Database database) throws Exception {
        List<String> sql = sql(change.generateStatements(database), database);
        List<String> rollback = null;
        if (change.supportsRollback(database)) {
            try {
                rollback = sql(change.generateRollbackStatements(database), database);
            } catch (Exception noRollback) {
                rollback = null;
            }
        }
        return new SchemaChange.ServerChange(kind, table, description, safety, sql, rollback);
    }

    private static List<String> sql(SqlStatement[] statements, Database database) {
        List<String> result = new ArrayList<>();
        for (SqlStatement statement : statements) {
            for (Sql sql : SqlGeneratorFactory.getInstance().generateSql(statement, database)) {
                result.add(sql.toSql());
            }
        }
        return result;
    }

    private static String tableOf(Change change) {
        if (change instanceof AddForeignKeyConstraintChange fk) {
            return fk.getBaseTableName();
        }
        if (change instanceof DropForeignKeyConstraintChange fk) {
            return fk.getBaseTableName();
        }
        Object table = change.getSerializableFieldValue("tableName");
        if (table != null) {
            return table.toString();
        }
        Object sequence = change.getSerializableFieldValue("sequenceName");
        if (sequence != null) {
            return sequence.toString();
        }
        Object view = change.getSerializableFieldValue("viewName");
        return view == null ? null : view.toString();
    }

    private static String describe(Change change, String table) {
        if (change instanceof CreateTableChange) {
            return "create table " + table;
        }
        if (change instanceof DropTableChange) {
            return "drop table " + table;
        }
        if (change instanceof DropColumnChange drop) {
            String columns = drop.getColumnName() != null ? drop.getColumnName()
                    : drop.getColumns().stream().map(ColumnConfig::getName).collect(Collectors.joining(", "));
            return "drop column " + table + "." + columns;
        }
        if (change instanceof ModifyDataTypeChange type) {
            return "change type of " + table + "." + type.getColumnName() + " to " + type.getNewDataType();
        }
        if (change instanceof AddNotNullConstraintChange notNull) {
            return "make " + table + "." + notNull.getColumnName() + " NOT NULL"
                    + (notNull.getDefaultNullValue() == null ? "" : " (NULLs set to " + notNull.getDefaultNullValue() + ")");
        }
        if (change instanceof DropNotNullConstraintChange nullable) {
            return "make " + table + "." + nullable.getColumnName() + " nullable";
        }
        if (change instanceof AddDefaultValueChange def) {
            return "set the default of " + table + "." + def.getColumnName();
        }
        if (change instanceof DropDefaultValueChange def) {
            return "drop the default of " + table + "." + def.getColumnName();
        }
        if (change instanceof AddPrimaryKeyChange pk) {
            return "add primary key on " + table + " (" + pk.getColumnNames() + ")";
        }
        if (change instanceof DropPrimaryKeyChange) {
            return "drop the primary key of " + table;
        }
        if (change instanceof AddForeignKeyConstraintChange fk) {
            return "add foreign key " + fk.getConstraintName() + " on " + table + " (" + fk.getBaseColumnNames()
                    + ") to " + fk.getReferencedTableName();
        }
        if (change instanceof DropForeignKeyConstraintChange fk) {
            return "drop foreign key " + fk.getConstraintName() + " on " + table;
        }
        if (change instanceof CreateIndexChange index) {
            return "create " + (Boolean.TRUE.equals(index.isUnique()) ? "unique " : "") + "index " + index.getIndexName()
                    + " on " + table + " (" + index.getColumns().stream().map(ColumnConfig::getName)
                    .collect(Collectors.joining(", ")) + ")";
        }
        if (change instanceof DropIndexChange index) {
            return "drop index " + index.getIndexName() + " on " + table;
        }
        if (change instanceof AddUniqueConstraintChange unique) {
            return "add unique constraint " + unique.getConstraintName() + " on " + table + " (" + unique.getColumnNames() + ")";
        }
        if (change instanceof DropUniqueConstraintChange unique) {
            return "drop unique constraint " + unique.getConstraintName() + " on " + table;
        }
        if (change instanceof liquibase.change.core.CreateSequenceChange sequence) {
            return "create sequence " + sequence.getSequenceName();
        }
        if (change instanceof liquibase.change.core.DropSequenceChange sequence) {
            return "drop sequence " + sequence.getSequenceName();
        }
        if (change instanceof liquibase.change.core.AlterSequenceChange sequence) {
            return "alter sequence " + sequence.getSequenceName();
        }
        if (change instanceof liquibase.change.core.CreateViewChange view) {
            return "create view " + view.getViewName();
        }
        if (change instanceof liquibase.change.core.DropViewChange view) {
            return "drop view " + view.getViewName();
        }
        String text = change.getDescription();
        return Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    private static Safety safety(Change change, String table, DatabaseSnapshot live) {
        if (change instanceof DropTableChange || change instanceof DropColumnChange
                || change instanceof liquibase.change.core.DropViewChange
                || change instanceof liquibase.change.core.DropSequenceChange) {
            return Safety.DESTRUCTIVE; // a view or sequence the model lacks may be hand-made; a sequence holds state
        }
        if (change instanceof ModifyDataTypeChange type) {
            Table liveTable = find(live.get(Table.class), table);
            Column column = liveTable == null ? null : find(liveTable.getColumns(), type.getColumnName());
            if (column == null) {
                return Safety.SAFE;
            }
            return ServerTypes.narrows(column.getType().toString(), type.getNewDataType())
                    ? Safety.DESTRUCTIVE : Safety.SAFE;
        }
        return Safety.SAFE;
    }

    /**
     * CHECK constraints, compared by table and definition: a definition the model has and the table lacks
     * is added; one the table has and the model lacks is dropped (e.g. the list of an enum's constants).
     */
    private List<SchemaChange> checkConstraints(Connection shadow, String shadowSchema, Connection live, String liveSchema,
                                                Database database) throws SQLException {
        Map<String, String> spelling = new java.util.HashMap<>();
        Map<String, Map<String, String>> wanted = checks(shadow, shadowSchema, spelling);
        Map<String, Map<String, String>> present = checks(live, liveSchema, new java.util.HashMap<>());
        List<SchemaChange> changes = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> table : wanted.entrySet()) {
            if (ignored.test(table.getKey())) {
                continue;
            }
            Map<String, String> have = present.getOrDefault(table.getKey(), Map.of());
            String spelled = spelling.getOrDefault(table.getKey(), table.getKey());
            Set<String> wantedKeys = table.getValue().keySet().stream().map(ServerTypes::checkKey)
                    .collect(Collectors.toSet());
            Set<String> haveKeys = have.keySet().stream().map(ServerTypes::checkKey).collect(Collectors.toSet());
            Set<String> missing = new LinkedHashSet<>(table.getValue().keySet());
            missing.removeIf(d -> haveKeys.contains(ServerTypes.checkKey(d)));
            Set<String> extra = new LinkedHashSet<>(have.keySet());
            extra.removeIf(d -> wantedKeys.contains(ServerTypes.checkKey(d)));
            String quotedTable = database.escapeObjectName(spelled, Table.class);
            for (String definition : extra) {
                String name = have.get(definition);
                String add = "ALTER TABLE " + quotedTable + " ADD CONSTRAINT " + database.escapeConstraintName(name)
                        + " " + definition;
                changes.add(new SchemaChange.ServerChange("dropCheckConstraint", spelled, "drop check " + name
                        + " on " + spelled + " " + definition, Safety.SAFE, List.of("ALTER TABLE " + quotedTable
                        + " DROP CONSTRAINT " + database.escapeConstraintName(name)), List.of(add)));
            }
            for (String definition : missing) {
                String name = table.getValue().get(definition);
                String drop = "ALTER TABLE " + quotedTable + " DROP CONSTRAINT " + database.escapeConstraintName(name);
                changes.add(new SchemaChange.ServerChange("addCheckConstraint", spelled, "add check " + name
                        + " on " + spelled + " " + definition, Safety.SAFE, List.of("ALTER TABLE " + quotedTable
                        + " ADD CONSTRAINT " + database.escapeConstraintName(name) + " " + definition), List.of(drop)));
            }
        }
        return changes;
    }

    /** Table (lower case) to definition to constraint name. */
    private Map<String, Map<String, String>> checks(Connection connection, String schema, Map<String, String> spelling)
            throws SQLException {
        String sql = kind == DatabaseKind.POSTGRESQL
                ? "select c.relname, con.conname, pg_get_constraintdef(con.oid) from pg_constraint con "
                  + "join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace "
                  + "where con.contype = 'c' and n.nspname = ? order by 1, 2"
                : "select table_name, constraint_name, concat('CHECK (', check_clause, ')') from "
                  + "information_schema.check_constraints where constraint_schema = ? order by 1, 2";
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        if (kind == DatabaseKind.MARIADB && !connection.getMetaData().getDatabaseProductVersion()
                .toLowerCase(Locale.ROOT).contains("mariadb")) {
            // MySQL 8's check_constraints has no table_name: join table_constraints (MySQL < 8.0.16 has no checks)
            sql = "select tc.table_name, cc.constraint_name, concat('CHECK (', cc.check_clause, ')') from "
                    + "information_schema.check_constraints cc join information_schema.table_constraints tc "
                    + "on tc.constraint_schema = cc.constraint_schema and tc.constraint_name = cc.constraint_name "
                    + "and tc.constraint_type = 'CHECK' where cc.constraint_schema = ? order by 1, 2";
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    spelling.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(1));
                    result.computeIfAbsent(rs.getString(1).toLowerCase(Locale.ROOT), k -> new LinkedHashMap<>())
                            .putIfAbsent(rs.getString(3), rs.getString(2));
                }
            }
        }
        return result;
    }

    /**
     * Columns of tables both sides have whose values the database generates on one side only (PostgreSQL: an
     * identity, or a {@code nextval} default as {@code serial} writes it; MariaDB: {@code AUTO_INCREMENT}), as
     * {table, column, wanted ("true"/"false"), live identity kind ('a', 'd', 's' for a sequence default, or "")}.
     * Liquibase's comparison does not see them, and without them every insert that leaves the key out fails.
     */
    private List<String[]> generatedDifferences(Connection shadow, String shadowSchema, Connection live,
                                                String liveSchema) throws SQLException {
        Map<String, String[]> wanted = generated(shadow, shadowSchema);
        Map<String, String[]> present = generated(live, liveSchema);
        List<String[]> result = new ArrayList<>();
        for (Map.Entry<String, String[]> column : wanted.entrySet()) {
            String[] have = present.get(column.getKey());
            if (have == null || ignored.test(have[0])) {
                continue;
            }
            boolean want = !column.getValue()[2].isEmpty();
            if (want != !have[2].isEmpty()) {
                result.add(new String[] {have[0], have[1], String.valueOf(want), have[2]});
            }
        }
        return result;
    }

    /** table.column (lower case) to {table, column, how the database generates it ("" when it does not)}. */
    private Map<String, String[]> generated(Connection connection, String schema) throws SQLException {
        String sql = kind == DatabaseKind.POSTGRESQL
                ? "select c.relname, a.attname, case when a.attidentity in ('a', 'd') then a.attidentity::text "
                  + "when pg_get_expr(d.adbin, d.adrelid) like 'nextval(%' then 's' else '' end "
                  + "from pg_attribute a join pg_class c on c.oid = a.attrelid "
                  + "join pg_namespace n on n.oid = c.relnamespace "
                  + "left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum "
                  + "where n.nspname = ? and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped"
                : "select table_name, column_name, case when lower(extra) like '%auto_increment%' then 'a' else '' end "
                  + "from information_schema.columns where table_schema = ?";
        Map<String, String[]> result = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.put((rs.getString(1) + "." + rs.getString(2)).toLowerCase(Locale.ROOT),
                            new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
        }
        return result;
    }

    /**
     * PostgreSQL: an identity the model declares and the table lost is added back, its sequence set past the
     * highest value the column holds (so the next insert does not collide); one the model does not declare is
     * dropped. A {@code serial} column ({@code nextval} default) counts as generated, like an identity.
     */
    private List<SchemaChange> identities(Connection shadow, String shadowSchema, Connection live, String liveSchema,
                                          Database database) throws SQLException {
        List<SchemaChange> changes = new ArrayList<>();
        for (String[] column : generatedDifferences(shadow, shadowSchema, live, liveSchema)) {
            String table = database.escapeObjectName(column[0], Table.class);
            String name = database.escapeObjectName(column[1], Column.class);
            List<String> add = List.of("ALTER TABLE " + table + " ALTER COLUMN " + name
                            + " ADD GENERATED BY DEFAULT AS IDENTITY",
                    "SELECT setval(pg_get_serial_sequence('" + table.replace("'", "''") + "', '"
                            + column[1].replace("'", "''") + "'), (SELECT coalesce(max(" + name + "), 0) + 1 FROM "
                            + table + "), false)");
            List<String> drop = List.of("ALTER TABLE " + table + " ALTER COLUMN " + name + " DROP IDENTITY");
            if (Boolean.parseBoolean(column[2])) {
                changes.add(new SchemaChange.ServerChange("addIdentity", column[0], "make " + column[0] + "." + column[1]
                        + " an identity column (generated by default)", Safety.SAFE, add, drop));
            } else if (!column[3].equals("s")) {
                changes.add(new SchemaChange.ServerChange("dropIdentity", column[0], "make " + column[0] + "."
                        + column[1] + " a plain column (drop its identity)", Safety.SAFE, drop, add));
            }
        }
        return changes;
    }

    /**
     * Whether the live table already has a unique index on exactly these columns, as the server's own catalog
     * (PostgreSQL's {@code pg_index}, MariaDB's {@code information_schema.statistics}) says. Liquibase reads unique
     * constraints through views that show them only to a table's owner or a user with more than SELECT on it
     * (PostgreSQL's {@code information_schema.table_constraints}): for a read-only user it would plan every unique
     * constraint again.
     */
    private boolean alreadyUnique(Connection connection, String schema, String table, String columns) throws SQLException {
        String sql = kind == DatabaseKind.POSTGRESQL
                ? "select array_to_string(array(select a.attname from unnest(i.indkey) with ordinality k(attnum, n) "
                  + "join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum order by k.n), ',') "
                  + "from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace "
                  + "where i.indisunique and not i.indisprimary and i.indpred is null and n.nspname = ? "
                  + "and lower(c.relname) = lower(?)"
                : "select group_concat(column_name order by seq_in_index separator ',') from information_schema.statistics "
                  + "where table_schema = ? and lower(table_name) = lower(?) and non_unique = 0 and index_name <> 'PRIMARY' "
                  + "group by index_name";
        String wanted = columns.replace(" ", "").toLowerCase(Locale.ROOT);
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (wanted.equals(String.valueOf(rs.getString(1)).toLowerCase(Locale.ROOT))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A table that loses one column and gains one, or a dropped table whose columns a created one has: perhaps a rename. */
    private static SchemaDiff renameHints(SchemaDiff diff, DatabaseSnapshot model, DatabaseSnapshot live) {
        Map<String, List<SchemaChange.ServerChange>> byTable = new LinkedHashMap<>();
        diff.changes().stream().filter(SchemaChange.ServerChange.class::isInstance).map(SchemaChange.ServerChange.class::cast)
                .forEach(c -> byTable.computeIfAbsent(c.table().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(c));
        SchemaDiff result = diff;
        for (List<SchemaChange.ServerChange> changes : byTable.values()) {
            List<SchemaChange.ServerChange> drops = changes.stream().filter(c -> c.kind().equals("dropColumn")).toList();
            List<SchemaChange.ServerChange> adds = changes.stream().filter(c -> c.kind().equals("addColumn")).toList();
            if (drops.size() == 1 && adds.size() == 1) {
                String table = drops.get(0).table();
                String from = column(drops.get(0).description());
                String to = column(adds.get(0).description());
                result = result.withHint("Was " + table + "." + from + " renamed to " + to + "? Then set -Dmigrate.renames="
                        + table + "." + from + "=" + to + " (or <renames> in the plugin configuration) to keep its data.");
            }
        }
        List<SchemaChange.ServerChange> dropped = diff.changes().stream().filter(SchemaChange.ServerChange.class::isInstance)
                .map(SchemaChange.ServerChange.class::cast).filter(c -> c.kind().equals("dropTable")).toList();
        List<SchemaChange.ServerChange> created = diff.changes().stream().filter(SchemaChange.ServerChange.class::isInstance)
                .map(SchemaChange.ServerChange.class::cast).filter(c -> c.kind().equals("createTable")).toList();
        for (SchemaChange.ServerChange old : dropped) {
            Set<String> columns = columnNames(live, old.table());
            List<SchemaChange.ServerChange> counterparts = created.stream()
                    .filter(c -> columnNames(model, c.table()).equals(columns)).toList();
            if (!columns.isEmpty() && counterparts.size() == 1 && dropped.stream().filter(d -> columnNames(live, d.table())
                    .equals(columnNames(model, counterparts.get(0).table()))).count() == 1) {
                String to = counterparts.get(0).table();
                result = result.withHint("Was table " + old.table() + " renamed to " + to + "? Then set -Dmigrate.renames="
                        + old.table() + "=" + to + " (or <renames>) to keep its rows.");
            }
        }
        return result;
    }

    /** A table's column names, lower case (empty when the snapshot lacks the table). */
    private static Set<String> columnNames(DatabaseSnapshot snapshot, String table) {
        Table found = find(snapshot.get(Table.class), table);
        Set<String> names = new java.util.TreeSet<>();
        if (found != null) {
            found.getColumns().forEach(c -> names.add(c.getName().toLowerCase(Locale.ROOT)));
        }
        return names;
    }

    private static String column(String description) {
        String rest = description.substring(description.indexOf('.') + 1);
        int space = rest.indexOf(' ');
        return space < 0 ? rest : rest.substring(0, space);
    }
}
