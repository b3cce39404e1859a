import groovy.sql.Sql

// Three empty tenant databases; the glob finds only files that exist. tenant-10 sorts after tenant-2.
def tenants = new File(basedir, 'tenants')
tenants.mkdirs()
for (name in ['tenant-1.db', 'tenant-2.db', 'tenant-10.db']) {
    def file = new File(tenants, name)
    assert !file.exists()
    def sql = new Sql(new org.sqlite.JDBC().connect('jdbc:sqlite:' + file.absolutePath, new Properties()))
    try {
        sql.execute('pragma user_version = 1') // writes the header: an empty database, not a 0-byte file
    } finally {
        sql.close()
    }
}
// a database made by another tool: a Note table whose body is a number, with a row; creating Note fails there
def late = new File(basedir, 'late/late.db')
late.parentFile.mkdirs()
def sql = new Sql(new org.sqlite.JDBC().connect('jdbc:sqlite:' + late.absolutePath, new Properties()))
try {
    sql.execute('create table Note (id integer primary key, body integer)')
    sql.execute('insert into Note (body) values (42)')
} finally {
    sql.close()
}
return true
