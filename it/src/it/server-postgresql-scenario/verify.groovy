def servers = evaluate(new File(itSupport, 'servers.groovy')).newInstance('postgresql', itRun, basedir)
try {
    // until pg_dump backups are merged PostgreSQL's transactional DDL undoes the failed changeset; after, the backup
    servers.verifyScenario(basedir, 'pg-it-Secret-0815',
            ['PostgreSQL rolled the failed changeset back', 'The database was restored from the backup'])
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
