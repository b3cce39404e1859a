package org.automigrate.engine.db;

import java.util.List;
import java.util.stream.Collectors;

import org.hibernate.annotations.OnDeleteAction;
import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.ForeignKey;
import org.hibernate.mapping.Table;
import org.hibernate.mapping.UniqueKey;
import org.hibernate.tool.schema.internal.StandardTableExporter;
import org.hibernate.tool.schema.spi.Exporter;

/**
 * Hibernate's SQLite dialect, plus foreign keys and multi-column unique constraints written inline
 * in {@code CREATE TABLE}. The stock dialect silently creates neither (SQLite cannot add them by
 * ALTER, and the dialect has no other place for them). {@code applyTableCheck} is a protected hook of
 * Hibernate's exporter, not an SPI: {@code SqliteFkDialectTest} pins its behaviour.
 */
public class SqliteFkDialect extends SQLiteDialect {
    private final Exporter<Table> tableExporter = new InlineConstraintsTableExporter(this);

    public SqliteFkDialect() {
    }

    public SqliteFkDialect(DialectResolutionInfo info) {
        super(info);
    }

    @Override
    public Exporter<Table> getTableExporter() {
        return tableExporter;
    }

    private static final class InlineConstraintsTableExporter extends StandardTableExporter {
        InlineConstraintsTableExporter(SQLiteDialect dialect) {
            super(dialect);
        }

        @Override
        protected void applyTableCheck(Table table, StringBuilder buf) {
            super.applyTableCheck(table, buf);
            for (UniqueKey key : table.getUniqueKeys().values()) {
                List<Column> columns = key.getColumns();
                if (columns.size() == 1 && columns.get(0).isUnique()) {
                    continue; // already written inline as "unique" by the column
                }
                buf.append(", constraint ").append(key.getName())
                        .append(" unique (").append(names(columns)).append(')');
            }
            for (ForeignKey fk : table.getForeignKeyCollection()) {
                if (!fk.isCreationEnabled() || !fk.isPhysicalConstraint()) {
                    continue;
                }
                Table target = fk.getReferencedTable();
                List<Column> targetColumns = fk.isReferenceToPrimaryKey() || fk.getReferencedColumns().isEmpty()
                        ? target.getPrimaryKey().getColumns()
                        : fk.getReferencedColumns();
                buf.append(", constraint ").append(fk.getName())
                        .append(" foreign key (").append(names(fk.getColumns())).append(')')
                        .append(" references ").append(target.getQuotedName(dialect))
                        .append(" (").append(names(targetColumns)).append(')');
                if (fk.getOnDeleteAction() == OnDeleteAction.CASCADE) {
                    buf.append(" on delete cascade");
                } else if (fk.getOnDeleteAction() == OnDeleteAction.SET_NULL) {
                    buf.append(" on delete set null");
                }
            }
        }

        private String names(List<Column> columns) {
            return columns.stream().map(c -> c.getQuotedName(dialect)).collect(Collectors.joining(", "));
        }
    }
}
