import groovy.sql.Sql

def dbName = 'auto-evolve-keeps-rows.db'
def runs = new File(basedir, 'build.log').text.split(/(?m)^\[INFO\] BUILD SUCCESS.*$/)
assert runs.size() >= 2 : 'expected the output of two successful builds in build.log'
def (v1, v2) = [runs[0], runs[1]]

assert v1.contains('Applied 1 changeset')
assert v1.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')

// v2: a backup first, then a second changeset, applied and verified; the v2 test passed
assert v2.contains('Backup: ')
assert v2.contains('Applied 1 changeset')
assert v2.contains('Changelog: ')
assert v2.contains('Verified: the database matches the model')
assert v2.contains('Recorded run #2')
assert v2.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')

def changes = new File(basedir, 'src/main/resources/db/changelog/changes').listFiles()?.findAll { it.isFile() }?.sort { it.name } ?: []
assert changes.size() == 2 : "expected two changelog files, found ${changes*.name}"
def master = new File(basedir, 'src/main/resources/db/changelog/db.changelog-master.yaml').text
assert master.indexOf(changes[0].name) >= 0 && master.indexOf(changes[0].name) < master.indexOf(changes[1].name)

// the backup of step 2 holds the v1 database: v1 schema and the rows of the v1 test
def backupPattern = ~/\Q${dbName}\E\.backup_\d{8}_\d{6}/
def backups = new File(basedir, 'backups').listFiles()?.findAll { it.isFile() && it.name ==~ backupPattern }?.sort { it.name } ?: []
assert !backups.isEmpty() : "no ${dbName}.backup_YYYYMMDD_HHMMSS in backups/: ${new File(basedir, 'backups').list()}"
def backupLine = v2.readLines().find { it.contains('Backup: ') }
assert backupLine.contains(backups.last().name)

def open = { File file -> new Sql(new org.sqlite.JDBC().connect('jdbc:sqlite:' + file.absolutePath, new Properties())) }

def backup = open(backups.last())
try {
    assert backup.firstRow('select count(*) as n from Customer').n == 3
    assert !(backup.rows("PRAGMA table_info('Customer')")*.name.contains('loyalty_points'))
} finally {
    backup.close()
}

def sql = open(new File(basedir, dbName))
try {
    assert sql.rows('select email, phone, loyalty_points from Customer order by email')
            .collect { [it.email, it.phone, it.loyalty_points] } ==
            [['ada@example.org', null, 0], ['grace@example.org', null, 0], ['linus@example.org', null, 0]]
    def loyalty = sql.rows("PRAGMA table_info('Customer')").find { it.name == 'loyalty_points' }
    assert loyalty.notnull as int == 1
    assert sql.firstRow('select count(*) as n from Product').n == 2
    // the v2 test stored a review through Hibernate
    assert sql.firstRow('select count(*) as n from Review').n == 1
    assert sql.rows("PRAGMA foreign_key_list('Review')").collect { "${it.from}->${it.table}".toString().toLowerCase() } == ['product_id->product']
    assert sql.firstRow('select count(*) as n from DATABASECHANGELOG').n == 2
    assert sql.rows('select status from automigrate_history order by id')*.status == ['SUCCESS', 'SUCCESS']
} finally {
    sql.close()
}
return true
