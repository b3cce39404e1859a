import groovy.json.JsonSlurper
import groovy.sql.Sql

def log = new File(basedir, 'build.log').text
def dbFile = new File(basedir, 'auto-sqlite-fresh.db')
def changelogDir = new File(basedir, 'src/main/resources/db/changelog')

// the run, as the user sees it
assert log.contains('Discovered 4 entities')
assert log.contains('Applied 1 changeset')
assert log.contains('Changelog: ')
assert log.contains('Verified: the database matches the model')
assert log.contains('Recorded run #1')
// the project's own test booted Hibernate with validate on that schema
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')

// the changelog: the master file and exactly one generated change file
assert new File(changelogDir, 'db.changelog-master.yaml').isFile()
def changes = new File(changelogDir, 'changes').listFiles()?.findAll { it.isFile() } ?: []
assert changes.size() == 1 : "expected one changelog file, found ${changes*.name}"
assert new File(changelogDir, 'db.changelog-master.yaml').text.contains(changes[0].name)

assert dbFile.isFile()
def sql = new Sql(new org.sqlite.JDBC().connect('jdbc:sqlite:' + dbFile.absolutePath, new Properties()))
try {
    def tables = sql.rows("select name from sqlite_master where type = 'table'")*.name as Set
    assert tables.containsAll(['customer', 'product', 'purchase_order', 'order_line', 'automigrate_history'])

    def foreignKeys = { String table ->
        sql.rows("PRAGMA foreign_key_list('" + table + "')".toString()).collect { "${it.from}->${it.table}.${it.to}".toString() } as Set
    }
    assert foreignKeys('purchase_order') == ['customer_id->customer.id'] as Set
    assert foreignKeys('order_line') == ['order_id->purchase_order.id', 'product_id->product.id'] as Set

    // columns covered by an index of the table: [unique?, columns]
    def indexes = { String table ->
        sql.rows("PRAGMA index_list('" + table + "')".toString()).collect { idx ->
            [idx.unique as int == 1, sql.rows("PRAGMA index_info('" + idx.name + "')".toString())*.name]
        }
    }
    assert indexes('customer').contains([true, ['email']])
    assert indexes('product').contains([true, ['sku']])
    assert indexes('product').contains([false, ['name']])
    assert sql.firstRow("select count(*) as n from sqlite_master where type = 'index' and name = 'idx_product_name'").n == 1

    // the row the test stored through Hibernate
    assert sql.firstRow("select status from purchase_order").status == 'PAID'

    def history = sql.rows('select status from automigrate_history')
    assert history*.status == ['SUCCESS']
} finally {
    sql.close()
}

// everything auto prints goes through Maven's log: no raw Hibernate or Liquibase output (design: their chatter is detail)
def autoOutput = log.substring(log.indexOf('--- migrate:')).readLines().drop(1).takeWhile { !it.startsWith('[INFO] --- ') }
def raw = autoOutput.findAll { it.trim() && !it.startsWith('[') }
assert raw.isEmpty() : "output of migrate:auto that bypasses Maven's log:\n${raw.join('\n')}"
// the machine-readable result: target/migrate/auto.json
def json = new JsonSlurper().parse(new File(basedir, 'target/migrate/auto.json'))
assert json.schemaVersion == 1
assert json.goal == 'auto'
assert json.status == 'applied'
assert json.errorCode == null && json.message == null
assert json.startedAt ==~ /\d{4}-\d\d-\d\dT.*Z/
assert json.elapsedMs >= json.result.elapsedMs
assert json.result.database == 'jdbc:sqlite:' + dbFile.canonicalPath
assert json.result.created == true
assert json.result.changes*.table as Set == ['customer', 'product', 'purchase_order', 'order_line'] as Set
assert json.result.changes.every { it.safety == 'safe' && it.sql.size() >= 1 }
assert json.result.changelogFile.endsWith(changes[0].name)
assert json.result.applied.size() == 1
assert json.result.backupFile == null : 'a new database needs no backup'
assert json.result.verified == true
assert json.result.historyId == 1
return true

