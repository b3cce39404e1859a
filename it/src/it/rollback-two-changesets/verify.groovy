import groovy.sql.Sql

def dbName = 'rollback-two-changesets.db'
def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert runs.size() == 7 : "expected the output of seven Maven runs in build.log, found ${runs.size()}"
def (v1, v2, v3, rollback, refused, status, verify) = runs
[v1, v2, v3, rollback].eachWithIndex { run, i -> assert run.contains('BUILD SUCCESS') : "run ${i + 1} failed:\n${run}" }
assert v1.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')

def changes = new File(basedir, 'src/main/resources/db/changelog/changes').listFiles().collect { it.name }.sort()
assert changes.size() == 3 : changes
def ids = changes.collect { it - ~/\.yaml$/ }
// the two undone changesets have rollbacks
assert new File(basedir, "src/main/resources/db/changelog/changes/${changes[1]}").text.contains('drop table Publisher')
def third = new File(basedir, "src/main/resources/db/changelog/changes/${changes[2]}").text
assert third.contains('rollback:') && third.contains('drop index idx_book_title') && third.contains('drop column subtitle')

// step 4: a backup, then the two changesets rolled back, newest first, and recorded
assert rollback =~ /Backup: .*\Q${dbName}\E\.backup_\d{8}_\d{6}/
assert rollback =~ /Rolled back 2 changesets in \d+ ms/
assert rollback =~ /Rolled back 2 changesets of jdbc:sqlite:.*\Q${dbName}\E/
// Liquibase undid them newest first
def rolling = rollback.readLines().findAll { it.contains('Rolling back db/changelog/changes/') }
assert rolling.size() == 2 : rolling
assert rolling[0].contains("${changes[2]}::${ids[2]}") && rolling[1].contains("${changes[1]}::${ids[1]}") : rolling
// the summary names both
def undone = rollback.readLines().findAll { it =~ /^\[INFO\]   - / }
assert undone.size() == 2 : undone
assert undone.any { it.contains(ids[2]) } && undone.any { it.contains(ids[1]) } : undone
def backupPath = (rollback =~ /Backup: (\S+)/)[0][1]
assert rollback.contains("The state before is in ${backupPath}")

// step 5: refused with a clear message
assert refused.contains('BUILD FAILURE')
def errors = refused.readLines().findAll { it.startsWith('[ERROR]') }.join('\n')
assert errors.contains('Cannot roll back 2 migrations: the database has run the changesets of 1 changelog file') : errors
assert errors.contains('Nothing was changed')
assert !refused.contains('Backup: ')

// steps 6 and 7: status and verify agree about the database as it is after the rollback
assert status.contains('BUILD SUCCESS') : status
assert status.contains('Changesets: 1 applied, 2 pending')
assert status.contains('The database as it is now differs from the model') : status
assert status.contains('After the 2 pending changesets, it would match the model.') : status
def drift = status.readLines().findAll { it =~ /^\[INFO\]   - / && !it.contains('::') }*.replaceFirst(/^\[INFO\]   - /, '')
assert drift.any { it.contains('Publisher') } : drift
assert verify.contains('BUILD FAILURE') : verify
def verifyErrors = verify.readLines().findAll { it.startsWith('[ERROR]') }.join('\n')
drift.each { assert verifyErrors.contains(it) : "verify does not report '${it}':\n${verifyErrors}" }

def open = { File file -> new Sql(new org.sqlite.JDBC().connect('jdbc:sqlite:' + file.absolutePath, new Properties())) }

def sql = open(new File(basedir, dbName))
try {
    // the v1 schema
    def tables = sql.rows("select name from sqlite_master where type = 'table' order by name")*.name
    assert !tables.contains('Publisher') : tables
    assert tables.containsAll(['Author', 'Book'])
    assert sql.rows("PRAGMA table_info('Book')")*.name.sort() == ['author_id', 'id', 'isbn', 'title']
    assert sql.rows("select name from sqlite_master where type = 'index' and name = 'idx_book_title'").isEmpty()
    // the v1 rows
    assert sql.rows('select id, name from Author order by id').collect { [it.id, it.name] } ==
            [[1, 'Ada Lovelace'], [2, 'Grace Hopper']]
    assert sql.rows('select isbn, title, author_id from Book order by isbn').collect { [it.isbn, it.title, it.author_id] } ==
            [['978-1', 'Notes on the Analytical Engine', 1], ['978-2', 'Compilers', 2], ['978-3', 'COBOL', 2]]
    assert sql.rows('PRAGMA foreign_key_check').isEmpty()
    assert sql.firstRow('PRAGMA integrity_check')[0] == 'ok'
    // Liquibase's view: only the first changeset is applied
    assert sql.rows('select ID from DATABASECHANGELOG')*.ID == [ids[0]]
    // the history: three auto runs, then the rollback with its backup; the refused run changed nothing
    def history = sql.rows('select goal, status, changesets, backup_file from automigrate_history order by id')
    assert history*.goal == ['auto', 'auto', 'auto', 'rollback'] : history
    assert history*.status == ['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS']
    assert history[3].backup_file == backupPath
    assert history[3].changesets.contains(ids[1]) && history[3].changesets.contains(ids[2])
} finally {
    sql.close()
}

// the backup holds the v3 state before the rollback
def backup = open(new File(backupPath))
try {
    assert backup.rows("select name from sqlite_master where type = 'table'")*.name.contains('Publisher')
    assert backup.rows("PRAGMA table_info('Book')")*.name.contains('subtitle')
    assert backup.firstRow('select count(*) as n from DATABASECHANGELOG').n == 3
    assert backup.firstRow('select count(*) as n from Book').n == 3
} finally {
    backup.close()
}
return true
