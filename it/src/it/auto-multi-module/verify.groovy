import groovy.sql.Sql

def log = new File(basedir, 'build.log').text
// the domain module builds first; auto runs in app, on its own entity and the domain jar's
assert log.indexOf('Building domain') < log.indexOf('Building app')
assert log.contains('Discovered 3 entities, 3 tables in target/classes and domain-1.0-SNAPSHOT.jar (packages com.acme.app, com.acme.domain)')
assert log.contains('Applied 1 changeset')
assert !log.contains('not part of this model') : 'no hint when packages name the dependency'

def db = new File(basedir, 'app/app.db')
assert db.isFile()
def sql = new Sql(new org.sqlite.JDBC().connect('jdbc:sqlite:' + db.absolutePath, new Properties()))
try {
    def tables = sql.rows("select name from sqlite_master where type = 'table'")*.name as Set
    assert tables.containsAll(['AuditEntry', 'Customer', 'coupon']) : "tables: ${tables}"
    // new tables list their columns as the entity declares them
    assert sql.rows("select name from pragma_table_info('Customer') order by cid")*.name ==
            ['id', 'name', 'notes', 'loyaltyPoints', 'email']
    // the orm.xml mapping (no annotations) is honoured: length, not null, unique
    def code = sql.firstRow("select type, \"notnull\" from pragma_table_info('coupon') where name = 'code'")
    assert code.type == 'varchar(16)' && code.notnull == 1
    assert sql.rows("pragma index_list('coupon')").any { it.unique == 1 }
    assert sql.rows("PRAGMA foreign_key_list('AuditEntry')")*.table == ['Customer']
    // a positional insert in declared order works
    sql.execute("insert into Customer values (1, 'Ann', null, 3, 'ann@example.com')")
} finally {
    sql.close()
}
def changes = new File(basedir, 'app/src/main/resources/db/changelog/changes').listFiles()
assert changes != null && changes.length == 1
return true
