def servers = evaluate(new File(itSupport, 'servers.groovy')).newInstance('mariadb', itRun, basedir)
try {
    servers.verifyScenario(basedir, servers.MARIADB_IT_PASSWORD, ['The database was restored from the backup'])
    def sql = servers.connect()
    try {
        // MariaDB: an enum column is a native ENUM
        assert sql.firstRow("select column_type from information_schema.columns where table_schema = ${servers.database} and table_name = 'customer' and column_name = 'status'")
                .column_type == "enum('ACTIVE','BLOCKED')"
    } finally {
        sql.close()
    }
} finally {
    servers.drop()
}
return true
