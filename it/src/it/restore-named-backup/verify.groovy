import groovy.sql.Sql

def dbName = 'restore-named-backup.db'
def namedName = "${dbName}.backup_20260101_000000".toString()
def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert runs.size() == 4 : "expected the output of four Maven runs in build.log, found ${runs.size()}"
runs.eachWithIndex { run, i -> assert run.contains('BUILD SUCCESS') : "run ${i + 1} failed:\n${run}" }
def (v1, v2, backup, restore) = runs
assert v1.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
assert v2.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')

def backupsDir = new File(basedir, 'backups')
def named = new File(backupsDir, namedName)
assert named.isFile()

// step 3: a backup now, and the list, newest first, the named one last
def taken = (backup =~ /Backup: (\S+)/)[0][1]
assert new File(taken).isFile()
assert backup =~ /Backups of jdbc:sqlite:.*\Q${dbName}\E \(3, newest first\):/
def listed = backup.readLines().findAll { it =~ /^\[INFO\]   \Q${dbName}\E\.backup_/ }.collect { (it - '[INFO] ').trim() }
assert listed.size() == 3 : listed
assert listed[0] == new File(taken).name
assert listed[2] == namedName

// step 4: a safety backup of the current state, then the named backup restored
def safety = (restore =~ /Backup: (\S+)/)[0][1]
assert new File(safety).isFile()
assert new File(safety).name != namedName
assert restore.contains("Restore: ${named.absolutePath} (") || restore.contains("Restore: ${named.canonicalPath} (") : restore
assert restore =~ /Restored jdbc:sqlite:.*\Q${dbName}\E from .*\Q${namedName}\E; the state before is in \Q${safety}\E/
assert restore.contains('Recorded run #')
// one line says it was restored: the step names the backup, the summary the database
assert restore.count('Restored ') == 1 : restore

def sqlite = evaluate(new File(itSupport, 'sqlite.groovy'))
def open = { File file -> sqlite.open(file) }
def content = { sql, boolean withHistory -> sqlite.content(sql, withHistory) }

def restored = open(new File(basedir, dbName))
def kept = open(named)
def before = open(new File(safety))
try {
    // the database is the named backup again, schema and rows, apart from the history's record of the restore
    assert content(restored, false) == content(kept, false)
    assert restored.rows('select name from Author order by id')*.name == ['Ada Lovelace', 'Grace Hopper']
    assert !restored.rows("select name from sqlite_master where type = 'table'")*.name.contains('Publisher')
    // the history is not the backup's: it keeps every run, the ones after the backup too, and records the restore
    def keptHistory = kept.rows('select id, goal, status from automigrate_history order by id').collect { [it.id, it.goal, it.status] }
    def liveHistory = before.rows('select id, goal, status from automigrate_history order by id').collect { [it.id, it.goal, it.status] }
    def history = restored.rows('select id, goal, status, backup_file from automigrate_history order by id')
    assert liveHistory.take(keptHistory.size()) == keptHistory
    assert history.take(liveHistory.size()).collect { [it.id, it.goal, it.status] } == liveHistory
    assert history.size() == liveHistory.size() + 1
    assert history.last().goal == 'restore' && history.last().status == 'SUCCESS'
    assert history.last().backup_file == safety

    // the safety backup holds the state before the restore: v2, with the rows of step 2
    assert before.rows('select name from Author order by id')*.name == ['Ada King', 'Grace Hopper', 'Linus Torvalds']
    assert before.rows('select name from Publisher')*.name == ['Addison-Wesley']
    assert before.firstRow('select count(*) as n from DATABASECHANGELOG').n == 2
} finally {
    restored.close()
    kept.close()
    before.close()
}

// the safety backup is now the newest; nothing was pruned
def backups = backupsDir.listFiles().findAll { it.name.startsWith("${dbName}.backup_") }*.name.sort()
assert backups.size() == 4 : backups
assert backups.contains(namedName) && backups.contains(new File(safety).name) && backups.contains(new File(taken).name)
return true
