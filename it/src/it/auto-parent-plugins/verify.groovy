import groovy.sql.Sql

def log = new File(basedir, 'build.log').text
// the parent (pom packaging) is skipped with one line by both runs, never told to compile
assert log.count('[INFO] Skipping auto-parent-plugins: a pom module has no classes of its own') == 2
assert !log.contains('No compiled classes found')
assert log.contains('Applied 1 changeset')
assert log.contains('--- migrate:' ) && log.contains(':status (default-cli) @ app ---')
assert log.contains('Changesets: 1 applied, 0 pending')
assert !new File(basedir, 'target').exists() : 'a skipped pom module gets no result files'

def db = new File(basedir, 'app/app.db')
assert db.isFile()
assert !new File(basedir, 'auto-parent-plugins.db').exists()
def sql = new Sql(new org.sqlite.JDBC().connect('jdbc:sqlite:' + db.absolutePath, new Properties()))
try {
    assert sql.rows("select name from sqlite_master where type = 'table'")*.name.contains('Customer')
} finally {
    sql.close()
}
return true
