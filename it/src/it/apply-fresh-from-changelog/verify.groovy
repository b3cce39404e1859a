import groovy.sql.Sql

def dbName = 'apply-fresh-from-changelog.db'
def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert runs.size() == 4 : "expected the output of four Maven runs in build.log, found ${runs.size()}"
runs.eachWithIndex { run, i -> assert run.contains('BUILD SUCCESS') : "run ${i + 1} failed:\n${run}" }
def (diff, apply, verify, again) = runs

def changes = new File(basedir, 'src/main/resources/db/changelog/changes').listFiles()?.findAll { it.isFile() }?.collect { it.name }?.sort() ?: []
assert changes.size() == 1 : "expected one changelog file, found ${changes}"
def changeset = changes[0]
def changesetId = changeset - ~/\.yaml$/

// step 1: written, nothing applied
assert diff =~ /Wrote .*\Q${changeset}\E: \d+ changes?; nothing was applied/

// step 2: a new database built from the changelog, verified, recorded; no backup of a database that did not exist
assert apply.contains('(new file)')
assert apply =~ /Applied 1 changeset in \d+ ms/
assert apply.contains('Verified: the database matches the model')
assert apply.contains('Recorded run #1 in the history')
assert apply =~ /Applied 1 changeset to jdbc:sqlite:.*\Q${dbName}\E/
assert !apply.contains('Backup: ')
assert !apply.contains('Changelog: ') && !apply.contains('Wrote ') : 'apply must never generate'

// step 3
assert verify.contains('Verified: the database matches the model')

// step 4: nothing pending, nothing recorded
assert again =~ /No pending changesets: jdbc:sqlite:.*\Q${dbName}\E/
assert !again.contains('Recorded run')

assert !new File(basedir, 'backups').exists() : "a backup of a new database: ${new File(basedir, 'backups').list()}"
// apply wrote no changelog file
assert new File(basedir, 'src/main/resources/db/changelog/changes').list().length == 1

def sql = new Sql(new org.sqlite.JDBC().connect('jdbc:sqlite:' + new File(basedir, dbName).absolutePath, new Properties()))
try {
    def tables = sql.rows("select name from sqlite_master where type = 'table' order by name")*.name
    assert tables.containsAll(['Author', 'Book', 'DATABASECHANGELOG', 'DATABASECHANGELOGLOCK', 'automigrate_history']) : tables
    assert sql.rows("PRAGMA table_info('Book')")*.name.sort() == ['author_id', 'id', 'isbn', 'title']
    assert sql.rows("PRAGMA foreign_key_list('Book')").collect { "${it.from}->${it.table}".toString() } == ['author_id->Author']

    def applied = sql.rows('select ID, AUTHOR, FILENAME, EXECTYPE from DATABASECHANGELOG order by ORDEREXECUTED')
    assert applied.size() == 1
    assert applied[0].ID == changesetId
    assert applied[0].AUTHOR == 'automigrate'
    assert applied[0].FILENAME == "db/changelog/changes/${changeset}".toString()
    assert applied[0].EXECTYPE == 'EXECUTED'

    def history = sql.rows('select goal, status, changesets, backup_file from automigrate_history order by id')
    assert history.size() == 1 : history
    assert history[0].goal == 'apply'
    assert history[0].status == 'SUCCESS'
    assert history[0].changesets.contains(changesetId)
    assert history[0].backup_file == null
} finally {
    sql.close()
}
return true
