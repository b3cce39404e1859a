import groovy.json.JsonSlurper
import groovy.sql.Sql

def runs = new File(basedir, 'build.log').text.split(/(?m)^\[INFO\] BUILD SUCCESS.*$/)
assert runs.size() == 4 : 'expected the output of three successful builds and a failed one in build.log'
def (auto, verify, again, failed) = [runs[0], runs[1], runs[2], runs[3]]
def tenants = ['tenant-1.db', 'tenant-2.db', 'tenant-10.db']

// auto: the model once, the changeset generated from the first tenant, the others apply it; every line prefixed
assert auto.contains('[INFO] Fleet: auto on 3 databases (3 SQLite), 2 threads')
assert auto.count('[INFO] Discovered 1 entity, 1 table') == 1
assert auto.contains('[INFO] [tenant-1.db] Changelog: src/main/resources/db/changelog/changes/0001_create_table_note.yaml')
for (tenant in tenants) {
    assert auto.contains("[INFO] [${tenant}] Applied 1 changeset")
    assert auto.contains("[INFO] [${tenant}] Verified: the database matches the model")
}
assert auto.contains('[INFO] 3/3 migrated, 0 failed')
assert auto =~ /\[INFO\] Summary of auto on 3 databases \(2 threads, [0-9.]+ m?s\): 3 migrated, 0 failed/
assert auto.contains('[INFO] The changeset 0001_create_table_note.yaml was generated from tenant-1.db; the other databases applied it.')
def table = auto.readLines().findAll { it ==~ /\[INFO\]\s+(target|tenant-\d+\.db)\s.*/ }
assert table.size() == 4 : table
assert table[0] ==~ /\[INFO\]\s+target\s+status\s+changesets\s+time\s+error/
[1, 2, 3].each { i -> assert table[i] ==~ /\[INFO\]\s+${java.util.regex.Pattern.quote(tenants[i - 1])}\s+migrated\s+1\s+\d+(\.\d)? m?s/ }

// verify across the fleet, then a second auto that finds each tenant up to date
assert verify.contains('[INFO] Fleet: verify on 3 databases (3 SQLite), 2 threads')
assert verify.contains('[INFO] [tenant-10.db] Verified: the database matches the model (1 table)')
assert verify =~ /\[INFO\] Summary of verify on 3 databases \(2 threads, [0-9.]+ m?s\): 3 verified, 0 failed/
assert again =~ /\[INFO\] Summary of auto on 3 databases \(2 threads, [0-9.]+ m?s\): 3 migrated, 0 failed/
assert again.readLines().count { it ==~ /\[INFO\]\s+tenant-\d+\.db\s+up to date\s+0\s.*/ } == 3
assert !new File(basedir, 'src/main/resources/db/changelog/changes/0002_create_table_note.yaml').exists()

// the JSON result lists every tenant
def json = new JsonSlurper().parse(new File(basedir, 'target/migrate/verify.json'))
assert json.goal == 'verify' && json.status == 'reported' && json.errorCode == null
assert json.result.targets*.target == tenants
assert json.result.targets*.status == ['reported'] * 3

// each tenant holds the table, its changelog row and its own history
for (tenant in tenants) {
    def sql = new Sql(new org.sqlite.JDBC().connect('jdbc:sqlite:' + new File(basedir, "tenants/${tenant}").absolutePath, new Properties()))
    try {
        assert sql.rows("PRAGMA table_info('Note')")*.name == ['id', 'body']
        assert sql.firstRow('select count(*) as n from DATABASECHANGELOG').n == 1
        assert sql.rows('select goal, status from automigrate_history order by id').collect { "${it.goal} ${it.status}".toString() } ==
                [tenant == 'tenant-1.db' ? 'auto SUCCESS' : 'apply SUCCESS']
    } finally {
        sql.close()
    }
}
// the fourth database could not take the model: it failed and is as it was, the others are up to date, the build failed
assert failed.contains('[INFO] Fleet: auto on 4 databases (4 SQLite), 2 threads')
// late.db sorts first (late/ before tenants/), so it is the one auto tries first: its pending changeset fails on a
// scratch copy before anything touches it; tenant-1.db then takes auto's turn (nothing to generate)
assert failed =~ /\[WARNING\] \[late\.db\] FAILED: A pending changeset of the changelog fails \(tried on a scratch copy; the database was not touched\): .*table Note already exists/
assert failed =~ /\[INFO\] Summary of auto on 4 databases \(2 threads, [0-9.]+ m?s\): 3 migrated, 1 failed/
assert failed.readLines().any { it ==~ /\[INFO\]\s+late\.db\s+FAILED\s+0\s+\S+ m?s\s+\S.*/ }
assert failed.contains('[INFO] Failed: late.db. A failed database is left as a single run leaves it')
assert failed.contains('[INFO] BUILD FAILURE')
assert failed =~ /\[ERROR\] Failed to execute goal .*: 1 of 4 databases failed: late\.db\. Each failed database is left as a single run leaves it; the others are unaffected\./
def failedJson = new JsonSlurper().parse(new File(basedir, 'target/migrate/auto.json'))
assert failedJson.status == 'failed' && failedJson.errorCode != null && failedJson.message.startsWith('1 of 4 databases failed: late.db.')
assert failedJson.result.failed == 1 && failedJson.result.succeeded == 3
def lateOutcome = failedJson.result.targets.find { it.target == 'late.db' }
assert lateOutcome.status == 'failed' && lateOutcome.goal == 'auto' && lateOutcome.result == null
assert lateOutcome.error.contains('the database was not touched') && lateOutcome.errorCode == 'changelog'
def late = new Sql(new org.sqlite.JDBC().connect('jdbc:sqlite:' + new File(basedir, 'late/late.db').absolutePath, new Properties()))
try {
    assert late.rows('select id, body from Note').collect { [it.id, it.body] } == [[1, 42]]
    assert late.rows("select name from sqlite_master where name like 'automigrate%' or name like 'DATABASECHANGELOG%'").isEmpty()
} finally {
    late.close()
}

// the changelog the tenants were migrated with is in this build's classes
assert new File(basedir, 'target/classes/db/changelog/changes/0001_create_table_note.yaml').isFile()
return true
