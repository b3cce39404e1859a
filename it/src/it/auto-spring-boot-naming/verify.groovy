import groovy.sql.Sql

def log = new File(basedir, 'build.log').text
// detected from the spring-boot jar on the project's classpath, said in auto's Discovered line and by discover
assert log =~ /Discovered 2 entities, 3 tables in target\/classes, naming spring \(Spring Boot 3\.5\.\d+ on the classpath\)/
assert log =~ /Naming: spring \(Spring Boot 3\.5\.\d+ on the classpath\)/
assert log.contains('Applied 1 changeset')
assert log.contains('Verified: the database matches the model')
// Hibernate validate with Spring's CamelCaseToUnderscoresNamingStrategy + SpringImplicitNamingStrategy passed
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')

def sql = new Sql(new org.sqlite.JDBC().connect('jdbc:sqlite:' + new File(basedir, 'auto-spring-boot-naming.db').absolutePath, new Properties()))
try {
    def tables = sql.rows("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'DATABASECHANGELOG%' and name != 'automigrate_history'")*.name as Set
    assert tables == ['library_member', 'book', 'library_member_borrowed_books'] as Set

    def columns = { String table -> sql.rows("PRAGMA table_info('" + table + "')".toString())*.name as Set }
    assert columns('library_member') == ['id', 'first_name', 'last_name', 'street_name', 'zip_code', 'membership_level'] as Set
    assert columns('book') == ['id', 'book_title', 'published_year'] as Set
    // Spring's join table: owning table + property, not owning table + other table (library_member_book)
    def foreignKeys = sql.rows("PRAGMA foreign_key_list('library_member_borrowed_books')").collect { "${it.from}->${it.table}.${it.to}".toString() } as Set
    assert foreignKeys == ['library_member_id->library_member.id', 'borrowed_books_id->book.id'] as Set

    // what the test stored through Hibernate with Spring's naming
    assert sql.firstRow('select count(*) as n from library_member_borrowed_books').n == 2
    assert sql.firstRow('select membership_level, zip_code from library_member').membership_level == 'PREMIUM'
} finally {
    sql.close()
}
return true
