import groovy.sql.Sql
import java.util.jar.JarFile

def log = new File(basedir, 'build.log').text
assert log.contains('Discovered 2 entities')
assert log.contains('Applied 1 changeset')
assert log.contains('Recorded run #1')
// auto ran in its default phase, between compile and the jar
def step = { String prefix -> log.indexOf("--- ${prefix}:") }
assert step('compiler') >= 0
assert step('migrate') > step('compiler')
assert step('jar') > step('migrate')
def jar = new File(basedir, 'target/auto-bound-package-1.0-SNAPSHOT.jar')
assert jar.isFile()

def sql = new Sql(new org.sqlite.JDBC().connect('jdbc:sqlite:' + new File(basedir, 'auto-bound-package.db').absolutePath, new Properties()))
try {
    def tables = sql.rows("select name from sqlite_master where type = 'table'")*.name*.toLowerCase() as Set
    assert tables.containsAll(['author', 'book', 'databasechangelog', 'automigrate_history'])
    assert sql.rows("PRAGMA foreign_key_list('Book')")*.table*.toLowerCase() == ['author']
} finally {
    sql.close()
}

// the changelog written at process-classes (after process-resources) is in the jar of the same build
def inJar = new JarFile(jar).withCloseable { j -> j.entries().toList()*.name.findAll { it.startsWith('db/changelog/') && !it.endsWith('/') } }
assert inJar.contains('db/changelog/db.changelog-master.yaml') : "master changelog missing from the jar: ${inJar}"
assert inJar.any { it ==~ /db\/changelog\/changes\/0001_.*\.yaml/ } : "generated changeset missing from the jar: ${inJar}"
return true
