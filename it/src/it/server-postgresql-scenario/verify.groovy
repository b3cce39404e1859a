def servers = evaluate(new File(itSupport, 'servers.groovy')).newInstance('postgresql', itRun, basedir)
try {
    // the run is one transaction: PostgreSQL rolls all of it back, the table the changeset created included
    servers.verifyScenario(basedir, 'pg-it-Secret-0815',
            ["Nothing was changed in the database: the run's transaction was rolled back"], [])
    def sql = servers.connect()
    try {
        // PostgreSQL: an enum column is varchar with a CHECK constraint listing the constants
        assert sql.firstRow("select data_type from information_schema.columns where table_name = 'customer' and column_name = 'status'")
                .data_type == 'character varying'
        def check = sql.firstRow("select pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'customer'::regclass and contype = 'c'")
        assert check.def.contains('ACTIVE') && check.def.contains('BLOCKED')
    } finally {
        sql.close()
    }
} finally {
    servers.drop()
}
return true
