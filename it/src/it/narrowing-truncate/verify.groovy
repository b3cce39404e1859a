import groovy.sql.Sql
import java.security.MessageDigest

def dbName = 'narrowing-truncate.db'
def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert runs.size() == 3 : "expected the output of three Maven runs in build.log, found ${runs.size()}"
def (v1, refused, truncated) = runs
assert v1.contains('BUILD SUCCESS') && v1.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
assert truncated.contains('BUILD SUCCESS') : truncated

// step 2: refused even with allowDestructive, naming the count, an example and the truncate setting
assert refused.contains('BUILD FAILURE')
def errors = refused.readLines().findAll { it.startsWith('[ERROR]') }.join('\n')
assert errors =~ /Cannot narrow Product\.name to varchar\(30\): 1 row holds longer values, e\.g\. id=2 'x+/ : errors
assert errors.contains('-Dmigrate.truncate=Product.name') : errors
assert errors.contains('Nothing was changed') : errors
assert !refused.contains('Applying ') && !refused.contains('Wrote ')
def sha = MessageDigest.getInstance('SHA-256').digest(new File(basedir, 'copy.db').bytes).encodeHex().toString()
assert sha == new File(basedir, 'copy.db.sha256').text : 'the refused run changed copy.db'
// stopped before the backup: no copy of copy.db taken
assert !new File(basedir, 'backups').list()?.any { it.startsWith('copy.db') }
assert !refused.contains('Backup: ')
// one changeset only: the refused run wrote none
def changes = new File(basedir, 'src/main/resources/db/changelog/changes').listFiles()*.name.sort()
assert changes.size() == 2 && changes[0].startsWith('0001_') && changes[1].startsWith('0002_') : changes

def open = { String name -> new Sql(new org.sqlite.JDBC().connect('jdbc:sqlite:' + new File(basedir, name).absolutePath, new Properties())) }
def copy = open('copy.db')
try {
    assert copy.rows('select id, name from Product order by id').collect { [it.id, it.name] } == [[1, 'short'], [2, 'x' * 40]]
    assert copy.firstRow('select count(*) as n from DATABASECHANGELOG').n == 1
} finally {
    copy.close()
}

// step 3: applied with truncate, the long value cut to 30 characters, the short one kept
def sql = open(dbName)
try {
    assert sql.rows('select id, name from Product order by id').collect { [it.id, it.name] } == [[1, 'short'], [2, 'x' * 30]]
    assert sql.firstRow('select count(*) as n from DATABASECHANGELOG').n == 2
    assert sql.firstRow("select sql from sqlite_master where name = 'Product'").sql.contains('varchar(30)')
} finally {
    sql.close()
}
return true
