import groovy.sql.Sql

// build.log holds both invocations, one after the other
def runs = new File(basedir, 'build.log').text.split(/(?m)^\[INFO\] BUILD SUCCESS.*$/)
assert runs.size() >= 2 : 'expected the output of two successful builds in build.log'
def (first, second) = [runs[0], runs[1]]

assert first.contains('Applied 1 changeset')
assert first.contains('Changelog: ')

assert second.contains('Database is up to date with the model')
assert !second.contains('Changelog: ') : 'the second run wrote a changelog'
assert !second.contains('Backup: ') : 'the second run took a backup'
assert !second.contains('Applied ')

// on disk: still the one change file of the first run, and no backup beyond what the first run reported
def changes = new File(basedir, 'src/main/resources/db/changelog/changes').listFiles()?.findAll { it.isFile() } ?: []
assert changes.size() == 1 : "expected one changelog file, found ${changes*.name}"
def backups = new File(basedir, 'backups').listFiles()?.findAll { it.isFile() } ?: []
def backupsOfFirstRun = first.readLines().count { it.contains('Backup: ') }
assert backups.size() == backupsOfFirstRun : "backups: ${backups*.name}, first run reported ${backupsOfFirstRun}"

def sql = new Sql(new org.sqlite.JDBC().connect('jdbc:sqlite:' + new File(basedir, 'auto-noop.db').absolutePath, new Properties()))
try {
    // the second run wrote nothing to the database either
    assert sql.firstRow("select count(*) as n from DATABASECHANGELOG").n == 1
    assert !second.contains('Recorded run #')
    assert sql.rows('select status from automigrate_history order by id')*.status == ['SUCCESS']
} finally {
    sql.close()
}
return true
