import groovy.sql.Sql

def log = new File(basedir, 'build.log').text
assert log.contains('The model drops data: rebuild table Author: drop column fullName') : 'the destructive change was not blocked'
assert log.contains('-Dmigrate.renames=Author.fullName=displayName') : 'no rename hint'
assert log.contains('rename column Author.fullName to displayName') || log.contains('Applied 1 changeset')

def changes = new File(basedir, 'src/main/resources/db/changelog/changes').listFiles().collect { it.name }.sort()
assert changes.size() == 2 : "expected the create and the rename changesets, found ${changes}"
assert new File(basedir, "src/main/resources/db/changelog/changes/${changes[1]}").text.contains('rename column fullName to displayName')

def sql = new Sql(new org.sqlite.JDBC().connect('jdbc:sqlite:' + new File(basedir, 'auto-rename-keeps-data.db').absolutePath, new Properties()))
try {
    assert sql.rows('select displayName from Author order by id')*.displayName == ['Ada Lovelace', 'Grace Hopper']
    assert !sql.rows("select name from pragma_table_info('Author')")*.name.contains('fullName')
    assert sql.rows("select status from automigrate_history order by id")*.status == ['SUCCESS', 'SUCCESS']
} finally {
    sql.close()
}
return true
