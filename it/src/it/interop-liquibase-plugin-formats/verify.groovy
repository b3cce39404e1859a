import groovy.sql.Sql

def dbName = 'interop-liquibase-plugin-formats.db'
def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert runs.size() == 6 : "expected the output of six Maven runs in build.log, found ${runs.size()}"
runs.eachWithIndex { run, i -> assert run.contains('BUILD SUCCESS') : "run ${i + 1} failed:\n${run}" }
def (diffXml, diffSql, liquibase, verify, apply, check) = runs

def changesDir = new File(basedir, 'src/main/resources/db/changelog/changes')
def changes = changesDir.listFiles()?.collect { it.name }?.sort() ?: []
assert changes.size() == 2 : changes
def (xml, sql) = changes
assert xml ==~ /0001_.*\.xml/ && sql ==~ /0002_rebuild_table_book.*\.sql/ : changes
def xmlText = new File(changesDir, xml).text
def sqlText = new File(changesDir, sql).text
assert xmlText.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<!-- automigrate-checksum ') : xmlText
assert sqlText.startsWith('--liquibase formatted sql\n-- automigrate-checksum ') : sqlText
assert sqlText.contains('runInTransaction:false') && sqlText.contains('\nBEGIN TRANSACTION;\n') : sqlText
def master = new File(basedir, 'src/main/resources/db/changelog/db.changelog-master.yaml').text
assert master.contains("file: db/changelog/changes/${xml}") && master.contains("file: db/changelog/changes/${sql}") : master
assert diffXml =~ /Wrote .*\Q${xml}\E/
assert diffSql =~ /Wrote .*\Q${sql}\E/

def ids = [xml, sql].collect { it - ~/\.(xml|sql)$/ }
assert liquibase.contains('liquibase:4.33.0:update')
[xml, sql].eachWithIndex { file, i ->
    assert liquibase.contains("Running Changeset: db/changelog/changes/${file}::${ids[i]}::automigrate")
}
assert liquibase.contains('Update has been successful')
assert verify.contains('Verified: the database matches the model')
assert apply =~ /Applied 2 changesets to jdbc:sqlite:.*\Q${dbName}\E.*; it matches the model/
assert check.contains("Checked: the changelog's 2 changesets replay on an empty database")

// the seals are the checksums Liquibase stores
def seals = [:]
(xmlText + sqlText).eachMatch(/(?m)^(?:<!--|--) automigrate-checksum (\S+) (\S+)(?: -->)?$/) { all, id, sum -> seals[id] = sum }
assert seals.keySet() as List == ids

def open = { String name -> new Sql(new org.sqlite.JDBC().connect('jdbc:sqlite:' + new File(basedir, name).absolutePath, new Properties())) }
def fresh = open('fresh.db')
def ours = open(dbName)
try {
    def tables = fresh.rows("select name from sqlite_master where type = 'table' order by name")*.name
    assert tables == ['Author', 'Book', 'DATABASECHANGELOG', 'DATABASECHANGELOGLOCK'] : tables
    ['Author', 'Book'].each { table ->
        def q = "select sql from sqlite_master where name = '${table}'".toString()
        assert fresh.firstRow(q).sql == ours.firstRow(q).sql
    }
    assert fresh.firstRow("select sql from sqlite_master where name = 'Book'").sql.contains('varchar(400)')
    def columns = 'ID, AUTHOR, FILENAME, MD5SUM, EXECTYPE, DESCRIPTION, ORDEREXECUTED'
    def byLiquibase = fresh.rows("select ${columns} from DATABASECHANGELOG order by ORDEREXECUTED".toString())
    def byAutomigrate = ours.rows("select ${columns} from DATABASECHANGELOG order by ORDEREXECUTED".toString())
    assert byLiquibase*.ID == ids
    assert byLiquibase*.FILENAME == [xml, sql].collect { "db/changelog/changes/${it}".toString() }
    assert byLiquibase*.EXECTYPE == ['EXECUTED', 'EXECUTED']
    assert byLiquibase.collectEntries { [(it.ID): it.MD5SUM] } == seals
    assert byLiquibase == byAutomigrate
} finally {
    fresh.close()
    ours.close()
}
return true
