import groovy.sql.Sql

def log = new File(basedir, 'build.log').text
// discover: the strategy, the counts and one line per model class with its table, source and hash
assert log.contains('Naming: hibernate (no Spring Boot on the classpath)')
assert log.contains('2 entities, 0 other model classes, 2 tables')
assert log =~ /Entity\s+org\.automigrate\.it\.library\.Book -> Book\s+src\/main\/java\/org\/automigrate\/it\/library\/Book\.java\s+[0-9a-f]{12}/
// status: everything in order
assert log.contains('Changesets: 1 applied, 0 pending')
assert log.contains('The database matches the model.')
assert log.contains('Up to date.')
// new: the template, included from the master
def template = new File(basedir, 'src/main/resources/db/changelog/changes/0002_backfill_titles.yaml')
assert template.isFile()
assert template.text.contains('preConditions')
assert new File(basedir, 'src/main/resources/db/changelog/db.changelog-master.yaml').text.contains('changes/0002_backfill_titles.yaml')
// the next auto stops at the unwritten template, and the database is as before
assert log.contains('Write the migration in db/changelog/changes/0002_backfill_titles.yaml and delete its preConditions block first')
def sql = new Sql(new org.sqlite.JDBC().connect('jdbc:sqlite:' + new File(basedir, 'status-discover-new.db').absolutePath, new Properties()))
try {
    assert sql.firstRow('select count(*) c from DATABASECHANGELOG').c == 1
    // stopped while planning on a scratch copy: the database was never touched, so nothing is recorded
    assert sql.rows('select status from automigrate_history order by id')*.status == ['SUCCESS']
} finally {
    sql.close()
}
return true
