import groovy.sql.Sql
import java.security.MessageDigest

// A database made by hand (or by hbm2ddl) before the project adopted migrations: the DDL Hibernate's
// SQLite dialect writes for the v1 model, and rows. copy.db is the same, for the refused run.
def ddl = 'create table Note (id integer, body varchar(200) not null, primary key (id))'
for (name in ['baseline-hand-made.db', 'copy.db']) {
    def file = new File(basedir, name)
    assert !file.exists()
    def sql = new Sql(new org.sqlite.JDBC().connect('jdbc:sqlite:' + file.absolutePath, new Properties()))
    try {
        sql.execute(ddl)
        sql.execute("insert into Note (body) values ('first'), ('second'), ('third')")
    } finally {
        sql.close()
    }
}
def sha = MessageDigest.getInstance('SHA-256').digest(new File(basedir, 'copy.db').bytes).encodeHex().toString()
new File(basedir, 'copy.db.sha256').text = sha
return true
