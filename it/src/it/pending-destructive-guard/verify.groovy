import groovy.sql.Sql

def dbName = 'pending-destructive-guard.db'
def pending = /db\/changelog\/changes\/0002_drop_table_note\.yaml::0002_drop_table_note/
def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert runs.size() == 5 : "expected the output of five Maven runs in build.log, found ${runs.size()}"
def (v1, dropped, restore, preview, refused) = runs
[v1, dropped, restore, preview].eachWithIndex { run, i -> assert run.contains('BUILD SUCCESS') : "run ${i + 1} failed:\n${run}" }
assert v1.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
assert dropped =~ /1 change needed \(1 destructive\)/
def taken = (dropped =~ /Backup: (\S+)/)[0][1]

// step 3: the backup auto took back; the changeset dropping Note listed once, marked, with what to do
assert restore =~ /Restore: \Q${taken}\E /
assert restore.contains('1 changeset is pending again:')
assert restore.readLines().findAll { it =~ pending }.size() == 1 : restore
assert restore =~ /(?m)^\[INFO\]   - ${pending} \[DESTRUCTIVE\] drop table Note$/
assert restore.contains('only with allowDestructive, so take it out of the changelog if the restored data should stay')
assert !restore.contains('[WARNING]') : restore

// step 4: preview marks it and says it is blocked
assert preview =~ /1 pending changeset \(1 destructive\)/
assert preview =~ /(?m)^\[INFO\]   - ${pending} \[DESTRUCTIVE\] drop table Note$/
assert preview.contains('BLOCKED: A pending changeset drops data')
assert preview.contains('Nothing was changed.')

// step 5: plain auto refuses, naming the changeset and the marker; nothing applied, no backup taken
assert refused.contains('BUILD FAILURE')
def errors = refused.readLines().findAll { it.startsWith('[ERROR]') }.join('\n')
assert errors =~ /A pending changeset drops data: ${pending} \[DESTRUCTIVE\] \(drop table Note\)/ : errors
assert errors.contains('-Dmigrate.allowDestructive=true') : errors
assert !refused.contains('Backup: ') && !refused.contains('Applying ') && !refused.contains('Migrated ')

def sqlite = evaluate(new File(itSupport, 'sqlite.groovy'))
// everything a database holds apart from the history: schema entries and rows
def content = { sql -> sqlite.content(sql, false) }

def live = sqlite.open(new File(basedir, dbName))
def backup = sqlite.open(new File(taken))
try {
    // preview and the refused auto left the restored database as the backup was
    assert content(live) == content(backup)
    assert live.rows('select body from Note order by id')*.body == ['first', 'second', 'third']
    assert live.rows('select name from Author order by id')*.name == ['Ada Lovelace', 'Grace Hopper']
    assert live.rows('select ID from DATABASECHANGELOG')*.ID.every { it.startsWith('0001_') }
    assert live.rows('select goal, status from automigrate_history order by id').collect { [it.goal, it.status] } ==
            [['auto', 'SUCCESS'], ['auto', 'SUCCESS'], ['restore', 'SUCCESS']]
} finally {
    live.close()
    backup.close()
}
return true
