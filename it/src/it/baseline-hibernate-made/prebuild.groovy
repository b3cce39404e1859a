import groovy.sql.Sql

// What hibernate.hbm2ddl.auto=update leaves on SQLite for this model (the statements Hibernate 7's SQLiteDialect
// runs, as logged with show_sql): no foreign key, and no uk_book_title_author (its ALTER TABLE fails on SQLite).
// Then rows, the way the application wrote them.
def file = new File(basedir, 'baseline-hibernate-made.db')
assert !file.exists()
def sql = new Sql(new org.sqlite.JDBC().connect('jdbc:sqlite:' + file.absolutePath, new Properties()))
try {
    sql.execute('create table Author (id integer, name varchar(100) not null unique, primary key (id))')
    sql.execute('create table Book (id integer, title varchar(200) not null, author_id bigint not null, primary key (id))')
    sql.execute("insert into Author (name) values ('Ada Lovelace'), ('Grace Hopper')")
    sql.execute("insert into Book (title, author_id) values ('Notes', 1), ('Compilers', 2), ('COBOL', 2)")
} finally {
    sql.close()
}
return true
