import groovy.sql.Sql

def dbName = 'apply-merged-branches.db'
def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert runs.size() == 4 : "expected the output of four Maven runs in build.log, found ${runs.size()}"
runs.eachWithIndex { run, i -> assert run.contains('BUILD SUCCESS') : "run ${i + 1} failed:\n${run}" }
def (first, merged, again, check) = runs

// step 1: a new database at the first changeset only; no verify, since the model needs the other two
assert first.contains('(new file)')
assert first =~ /0 changesets applied, 3 pending/
assert first =~ /Applied 1 changeset in \d+ ms/
assert !first.contains('Verified: ')
assert first =~ /Applied 1 changeset to jdbc:sqlite:.*\Q${dbName}\E/

// step 2: the two pending changesets, tag (first in the master) before rating, then verified
assert merged =~ /1 changesets? applied, 2 pending/
assert merged.contains('Backup: ')
def applying = merged.readLines().findAll { it.contains('Applying db/changelog/changes/') }
assert applying.size() == 2 : applying
assert applying[0].contains('0002_add_tag.yaml::0002_add_tag')
assert applying[1].contains('0002_add_rating.yaml::0002_add_rating')
assert merged =~ /Applied 2 changesets in \d+ ms/
assert merged.contains('Verified: the database matches the model')
assert merged =~ /Applied 2 changesets to jdbc:sqlite:.*\Q${dbName}\E.*; it matches the model/

// step 3: nothing left
assert again =~ /No pending changesets: jdbc:sqlite:.*\Q${dbName}\E/

// step 4
assert check =~ /Checked: the changelog's 3 changesets replay on an empty database and cover the model's 1 tables?/

// apply never generates
def changes = new File(basedir, 'src/main/resources/db/changelog/changes').list().sort()
assert changes == ['0001_create_table_book.yaml', '0002_add_rating.yaml', '0002_add_tag.yaml']

def sql = new Sql(new org.sqlite.JDBC().connect('jdbc:sqlite:' + new File(basedir, dbName).absolutePath, new Properties()))
try {
    def applied = sql.rows('select ID, AUTHOR, FILENAME, ORDEREXECUTED from DATABASECHANGELOG order by ORDEREXECUTED')
    assert applied.collect { [it.ID, it.AUTHOR, it.FILENAME] } == [
            ['0001_create_table_book', 'automigrate', 'db/changelog/changes/0001_create_table_book.yaml'],
            ['0002_add_tag', 'alice', 'db/changelog/changes/0002_add_tag.yaml'],
            ['0002_add_rating', 'bob', 'db/changelog/changes/0002_add_rating.yaml']]
    assert applied*.ORDEREXECUTED.toSet().size() == 3
    assert sql.firstRow('select count(*) as n from DATABASECHANGELOG').n == 3

    assert sql.rows("PRAGMA table_info('Book')")*.name.sort() == ['id', 'rating', 'tag', 'title']

    def history = sql.rows('select goal, status, changesets, backup_file from automigrate_history order by id')
    assert history*.goal == ['apply', 'apply']
    assert history*.status == ['SUCCESS', 'SUCCESS']
    assert history[0].changesets.contains('0001_create_table_book') && !history[0].changesets.contains('0002')
    assert history[1].changesets.contains('0002_add_tag') && history[1].changesets.contains('0002_add_rating')
    assert !history[1].changesets.contains('0001')
    assert history[0].backup_file == null
    assert history[1].backup_file != null && new File(history[1].backup_file as String).isFile()
} finally {
    sql.close()
}

// the backup before the merge holds the database at the first changeset
def backupSql = new Sql(new org.sqlite.JDBC().connect('jdbc:sqlite:' + new File(basedir, 'backups').listFiles().find { it.name.startsWith("${dbName}.backup_") }.absolutePath, new Properties()))
try {
    assert backupSql.rows("PRAGMA table_info('Book')")*.name.sort() == ['id', 'title']
    assert backupSql.firstRow('select count(*) as n from DATABASECHANGELOG').n == 1
} finally {
    backupSql.close()
}
return true
