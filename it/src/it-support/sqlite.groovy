// Shared by the hook scripts of the SQLite ITs that compare whole databases. The script returns the class; a hook
// uses it as
//   def sqlite = evaluate(new File(itSupport, 'sqlite.groovy'))
//   def db = sqlite.open(new File(basedir, 'x.db')); try { sqlite.content(db, false) ... } finally { db.close() }
// (itSupport is an invoker scriptVariable, see it/pom.xml).
import groovy.sql.Sql

class SqliteDatabases {
    static Sql open(File file) {
        new Sql(new org.sqlite.JDBC().connect('jdbc:sqlite:' + file.absolutePath, new Properties()))
    }

    /** Everything a database holds, entry by entry: its schema text and, for a table, its rows; the history optional. */
    static Map content(Sql sql, boolean withHistory) {
        def result = [:]
        sql.rows('select type, name, sql from sqlite_master order by type, name').each { entry ->
            if (!withHistory && entry.name == 'automigrate_history') {
                return
            }
            result["${entry.type} ${entry.name}".toString()] = entry.sql
            if (entry.type == 'table') {
                result["rows ${entry.name}".toString()] = sql.rows("select * from \"${entry.name}\" order by rowid".toString())
                        .collect { it.values().collect { v -> v?.toString() } }
            }
        }
        result
    }
}
return SqliteDatabases
