package org.automigrate.it.lending;

import java.sql.Types;

import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;

/**
 * SQLite has one integer type: a {@code Long} id column reads back as {@code integer}, which the
 * stock dialect's validate rejects as "expecting bigint". Treat all integer types as equal.
 */
public class ValidatingSQLiteDialect extends SQLiteDialect {

    public ValidatingSQLiteDialect() {
    }

    public ValidatingSQLiteDialect(DialectResolutionInfo info) {
        super(info);
    }

    @Override
    public boolean equivalentTypes(int typeCode1, int typeCode2) {
        return super.equivalentTypes(typeCode1, typeCode2) || isInteger(typeCode1) && isInteger(typeCode2);
    }

    private static boolean isInteger(int typeCode) {
        return typeCode == Types.TINYINT || typeCode == Types.SMALLINT || typeCode == Types.INTEGER
                || typeCode == Types.BIGINT;
    }
}
