import groovy.sql.Sql
import java.security.MessageDigest

def dbName = 'baseline-hand-made.db'
def ddl = 'create table Note (id integer, body varchar(200) not null, primary key (id))'
def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert runs.size() == 5 : "expected the output of five Maven runs in build.log, found ${runs.size()}"
def (refused, baseline, verify, auto, apply) = runs
[baseline, verify, auto, apply].eachWithIndex { run, i -> assert run.contains('BUILD SUCCESS') : "run ${i + 2} failed:\n${run}" }

// step 1: refused, naming the difference; nothing written, copy.db byte-identical
assert refused.contains('BUILD FAILURE')
def errors = refused.readLines().findAll { it.startsWith('[ERROR]') }.join('\n')
assert errors.contains('does not match the model') : errors
assert errors.contains('Note.author') : errors
assert errors.contains('Nothing was changed') : errors
assert !refused.contains('Changelog: ') && !refused.contains('Wrote ')
def sha = MessageDigest.getInstance('SHA-256').digest(new File(basedir, 'copy.db').bytes).encodeHex().toString()
assert sha == new File(basedir, 'copy.db.sha256').text : 'the refused baseline changed copy.db'

// step 2: one changeset written for the schema, marked as applied without running it
def changes = new File(basedir, 'src/main/resources/db/changelog/changes').listFiles()?.collect { it.name }?.sort() ?: []
assert changes.size() == 1 && changes[0].startsWith('0001_') : "expected one changeset, found ${changes}"
def changeset = changes[0]
def changesetId = changeset - ~/\.yaml$/
def text = new File(basedir, "src/main/resources/db/changelog/changes/${changeset}").text
assert text.contains('CREATE TABLE Note') && text.contains('body varchar(200) not null')
assert text =~ /(?m)^# automigrate-checksum \Q${changesetId}\E \S+$/
assert new File(basedir, 'src/main/resources/db/changelog/db.changelog-master.yaml').text.contains("file: db/changelog/changes/${changeset}")
assert baseline.contains("Changelog: src/main/resources/db/changelog/changes/${changeset}")
assert baseline =~ /Marked 1 changeset as applied without running it in \d+ ms/
assert baseline =~ /Baselined jdbc:sqlite:.*\Q${dbName}\E: 1 changeset marked as applied without running it/
assert baseline =~ /Wrote .*\Q${changeset}\E for the part of the model the changelog did not cover/
assert !baseline.contains('Applying ')

// step 3, 4, 5: the database is up to date for every goal
assert verify.contains('Verified: the database matches the model')
assert auto.contains('Database is up to date with the model: nothing to do')
assert apply =~ /No pending changesets: jdbc:sqlite:.*\Q${dbName}\E/

def sql = new Sql(new org.sqlite.JDBC().connect('jdbc:sqlite:' + new File(basedir, dbName).absolutePath, new Properties()))
try {
    // the table was not touched: same DDL text, same rows
    // (SQLite stores the statement's text with its leading keywords upper-cased)
    def stored = sql.firstRow("select sql from sqlite_master where type = 'table' and name = 'Note'").sql
    assert stored == 'CREATE TABLE' + ddl.substring('create table'.length())
    assert sql.rows('select id, body from Note order by id').collect { [it.id, it.body] } ==
            [[1, 'first'], [2, 'second'], [3, 'third']]
    def applied = sql.rows('select ID, AUTHOR, FILENAME, EXECTYPE from DATABASECHANGELOG order by ORDEREXECUTED')
    assert applied.size() == 1
    assert applied[0].ID == changesetId
    assert applied[0].FILENAME == "db/changelog/changes/${changeset}".toString()
    // Liquibase's changelogSync records a synced changeset as EXECUTED
    assert applied[0].EXECTYPE == 'EXECUTED'
    // one recorded run: the baseline (the refused run was on copy.db; verify, auto and apply had nothing to do)
    def history = sql.rows('select goal, status from automigrate_history order by id')
    assert history.collect { [it.goal, it.status] } == [['baseline', 'SUCCESS']]
} finally {
    sql.close()
}

def copy = new Sql(new org.sqlite.JDBC().connect('jdbc:sqlite:' + new File(basedir, 'copy.db').absolutePath, new Properties()))
try {
    assert copy.rows("select name from sqlite_master where type = 'table'")*.name == ['Note']
} finally {
    copy.close()
}
return true
