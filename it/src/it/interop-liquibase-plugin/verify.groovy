import groovy.sql.Sql

def dbName = 'interop-liquibase-plugin.db'
def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert runs.size() == 5 : "expected the output of five Maven runs in build.log, found ${runs.size()}"
runs.eachWithIndex { run, i -> assert run.contains('BUILD SUCCESS') : "run ${i + 1} failed:\n${run}" }
def (diff, liquibase, verify, applyFresh, apply) = runs

def changes = new File(basedir, 'src/main/resources/db/changelog/changes').listFiles()?.collect { it.name }?.sort() ?: []
assert changes.size() == 1 : changes
def changeset = changes[0]
def changesetId = changeset - ~/\.yaml$/

assert diff =~ /Wrote .*\Q${changeset}\E: \d+ changes?; nothing was applied/
assert liquibase.contains('liquibase:4.33.0:update')
assert liquibase.contains("Running Changeset: db/changelog/changes/${changeset}::${changesetId}::automigrate")
assert liquibase.contains('Update has been successful')
assert verify.contains('Verified: the database matches the model')
// relative SQLite paths are resolved against the project directory
assert applyFresh =~ /No pending changesets: jdbc:sqlite:\S*\/interop-liquibase-plugin\/fresh\.db /
assert apply =~ /Applied 1 changeset to jdbc:sqlite:.*\Q${dbName}\E.*; it matches the model/

def open = { String name -> new Sql(new org.sqlite.JDBC().connect('jdbc:sqlite:' + new File(basedir, name).absolutePath, new Properties())) }
def fresh = open('fresh.db')
def ours = open(dbName)
try {
    def tables = fresh.rows("select name from sqlite_master where type = 'table' order by name")*.name
    assert tables == ['Author', 'Book', 'DATABASECHANGELOG', 'DATABASECHANGELOGLOCK'] : tables
    // the same tables, to the letter
    ['Author', 'Book'].each { table ->
        def q = "select sql from sqlite_master where name = '${table}'".toString()
        assert fresh.firstRow(q).sql == ours.firstRow(q).sql
    }
    // the same records: changeset, path relative to the resource root, checksum
    def columns = 'ID, AUTHOR, FILENAME, MD5SUM, EXECTYPE, DESCRIPTION, ORDEREXECUTED'
    def byLiquibase = fresh.rows("select ${columns} from DATABASECHANGELOG order by ORDEREXECUTED".toString())
    def byAutomigrate = ours.rows("select ${columns} from DATABASECHANGELOG order by ORDEREXECUTED".toString())
    assert byLiquibase.size() == 1
    assert byLiquibase[0].ID == changesetId
    assert byLiquibase[0].FILENAME == "db/changelog/changes/${changeset}".toString()
    assert byLiquibase[0].EXECTYPE == 'EXECUTED'
    assert byLiquibase == byAutomigrate
} finally {
    fresh.close()
    ours.close()
}
return true
