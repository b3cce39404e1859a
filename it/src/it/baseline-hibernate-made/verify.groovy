import groovy.sql.Sql

def dbName = 'baseline-hibernate-made.db'
def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert runs.size() == 3 : "expected the output of three Maven runs in build.log, found ${runs.size()}"
runs.eachWithIndex { run, i -> assert run.contains('BUILD SUCCESS') : "run ${i + 1} failed:\n${run}" }
def (baseline, auto, verify) = runs

// step 1: adopted; what the database lacks (Book's foreign key and unique constraint) is listed as the next auto's
// work, nothing of it run
assert baseline =~ /Baselined jdbc:sqlite:.*\Q${dbName}\E: 1 changeset marked as applied without running it/
def lacks = baseline.readLines().findIndexOf { it =~ /The database still lacks \d+ parts? of the model; the next mvn migrate:auto makes (it|them), keeping every row/ }
assert lacks >= 0 : baseline
def items = baseline.readLines().drop(lacks + 1).takeWhile { it.startsWith('[INFO]   - ') }
assert items == ['[INFO]   - alter table Book: add foreign key (author_id) -> Author; add unique constraint (title,author_id)'] : items
assert !baseline.contains('Applying ')

// step 2: auto makes them (a SQLite table rebuild, after a backup), keeping every row; step 3 agrees
assert auto.contains('Backup: ')
assert auto =~ /Migrated jdbc:sqlite:.*\Q${dbName}\E: \d+ changesets? applied/
assert verify.contains('Verified: the database matches the model')

def sql = new Sql(new org.sqlite.JDBC().connect('jdbc:sqlite:' + new File(basedir, dbName).absolutePath, new Properties()))
try {
    assert sql.rows('select id, name from Author order by id').collect { [it.id, it.name] } ==
            [[1, 'Ada Lovelace'], [2, 'Grace Hopper']]
    assert sql.rows('select id, title, author_id from Book order by id').collect { [it.id, it.title, it.author_id] } ==
            [[1, 'Notes', 1], [2, 'Compilers', 2], [3, 'COBOL', 2]]
    assert sql.rows("select \"table\", \"from\", \"to\" from pragma_foreign_key_list('Book')")
            .collect { [it.table, it.from, it.to] } == [['Author', 'author_id', 'id']]
    def uniques = sql.rows("select name from pragma_index_list('Book') where \"unique\" = 1").collect { index ->
        sql.rows("select name from pragma_index_info('${index.name}')".toString())*.name
    }
    assert uniques.contains(['title', 'author_id']) : uniques
    // the changelog: the baseline's changeset (marked, not run) and the one auto ran
    assert sql.rows('select ID from DATABASECHANGELOG order by ORDEREXECUTED')*.ID.first().startsWith('0001_')
    assert sql.rows('select goal, status from automigrate_history order by id').collect { [it.goal, it.status] }
            .take(2) == [['baseline', 'SUCCESS'], ['auto', 'SUCCESS']]
} finally {
    sql.close()
}
return true
