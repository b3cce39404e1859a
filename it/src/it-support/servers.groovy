// Shared by the hook scripts of the server ITs (server-*): each IT works in a database of its own,
// named am_it_<run>_<IT name>, where <run> is the build's timestamp (yyyyMMddHHmmss, UTC). The IT's
// prebuild.groovy creates it, its verify.groovy drops it in a finally, and its selector.groovy skips the IT
// when the server is down and -Dmigrate.skipServers=true. The script returns the class; a hook uses it as
//   def servers = evaluate(new File(itSupport, 'servers.groovy')).newInstance('postgresql', itRun, basedir)
// (itSupport and itRun are invoker scriptVariables, see it/pom.xml).
import groovy.sql.Sql

import java.time.LocalDateTime
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter

class ServerDatabases {
    static final Map SERVERS = [
            postgresql: [product: 'PostgreSQL', host: '127.0.0.1', port: 5432, user: 'postgres', admin: 'postgres'],
            mariadb   : [product: 'MariaDB', host: '127.0.0.1', port: 3306, user: 'root', admin: ''],
    ]
    /** A password only the MariaDB IT's own user has; verify.groovy checks it never reaches a log. */
    static final String MARIADB_IT_PASSWORD = 'am-it-Secret-4711'

    final String kind
    final Map server
    final String database

    ServerDatabases(String kind, String run, File basedir) {
        this.kind = kind
        this.server = SERVERS[kind]
        this.database = "am_it_${run}_${basedir.name.replace('-', '_')}"
    }

    String url(String db = database) {
        "jdbc:${kind}://${server.host}:${server.port}/${db}"
    }

    /** The user the MariaDB IT migrates as (its pom: ${it.db}_u): only its own database and the shadow databases. */
    String itUser() {
        userOf(database)
    }

    private static String userOf(String database) {
        database.take(60) + '_u'
    }

    Sql connect(String db = database, String user = server.user, String password = '') {
        Properties props = new Properties()
        props.user = user
        props.password = password
        def driver = kind == 'postgresql' ? new org.postgresql.Driver() : new org.mariadb.jdbc.Driver()
        def connection = driver.connect(url(db), props)
        if (connection == null) {
            throw new IllegalStateException("No JDBC driver for ${url(db)}")
        }
        new Sql(connection)
    }

    Sql admin() {
        try {
            connect(server.admin)
        } catch (Exception e) {
            throw new IllegalStateException("${server.product} is not reachable at ${server.host}:${server.port} as "
                    + "${server.user} (${e.message}). Start it, or skip the server ITs with -Dmigrate.skipServers=true.", e)
        }
    }

    boolean reachable() {
        try {
            admin().close()
            true
        } catch (IllegalStateException ignored) {
            false
        }
    }

    /** Creates the IT's database (and for MariaDB its user); drops leftovers of IT runs older than an hour. */
    void create() {
        Sql sql = admin()
        try {
            dropLeftovers(sql)
            sql.execute('CREATE DATABASE ' + database)
            if (kind == 'mariadb') {
                String user = itUser()
                sql.execute("CREATE USER '${user}'@'%' IDENTIFIED BY '${MARIADB_IT_PASSWORD}'".toString())
                sql.execute("GRANT ALL PRIVILEGES ON `${database}`.* TO '${user}'@'%'".toString())
                sql.execute("GRANT ALL PRIVILEGES ON `automigrate\\_shadow\\_%`.* TO '${user}'@'%'".toString())
                connect(database, user, MARIADB_IT_PASSWORD).close()
            }
        } finally {
            sql.close()
        }
    }

    /** Drops the IT's database (and user), whoever is still connected. */
    void drop() {
        Sql sql = admin()
        try {
            dropDatabase(sql, database)
        } finally {
            sql.close()
        }
    }

    /**
     * The checks both server ITs share, on build.log (one log holds every invocation of invoker.properties) and
     * on the database: (1) auto created the v1 schema, (2) rows stored, (3) preview wrote nothing, (4) auto evolved
     * to v2 keeping the rows, (5) a second auto did nothing, (6) status, verify, history and check passed, (7) the
     * hand-written changeset failed and changed nothing. {@code undone} is what the failure message must say was
     * done about it; the password must appear in no log.
     */
    void verifyScenario(File basedir, String password, List<String> undone, List<String> leftFromTheFailure) {
        String log = new File(basedir, 'build.log').text
        assert !log.contains(password) : 'the password appears in build.log'
        // every invocation starts with this line (invoker's showErrors), and its errors follow its 'Finished at'
        def runs = log.split(/(?m)^\[INFO\] Error stacktraces are turned on\.$/).drop(1)
        assert runs.size() == 6 : "expected six Maven invocations in build.log, found ${runs.size()}"
        def expect = { int n, List<String> texts ->
            texts.each { assert runs[n - 1].contains(it) : "invocation ${n}: no '${it}' in build.log" }
        }
        // MariaDB commits each DDL statement at once: there every generated statement is a changeset of its own
        String applied = kind == 'mariadb' ? 'changesets in' : 'Applied 1 changeset'
        String counted = kind == 'mariadb' ? ' applied, 0 pending' : 'Changesets: 2 applied, 0 pending'
        expect(1, [applied, 'Verified: the database matches the model', 'Recorded run #1', 'BUILD SUCCESS'])
        expect(2, ['4 of 4 SQL statements executed successfully', 'BUILD SUCCESS'])
        expect(3, ['(dry run: nothing is written)', '[SAFE] create table review', '[SAFE] add column customer.phone',
                   'add column customer.loyalty_points (not null, default 0)', 'Nothing was changed.', 'BUILD SUCCESS'])
        // numbered 0002: the preview before it wrote no changeset
        expect(4, ['Changelog: src/main/resources/db/changelog/changes/0002_create_table_review',
                   applied, 'Verified: the database matches the model', 'Recorded run #2', 'BUILD SUCCESS'])
        expect(5, ['Database is up to date with the model: nothing to do', counted,
                   'Up to date.', 'Verify passed', '(2 runs, newest first)', 'Check passed', 'BUILD SUCCESS'])
        expect(6, ['0003_half_done.yaml::0003-half-done', 'BUILD FAILURE', 'The failed run is recorded as #3'])
        assert undone.any { runs[5].contains(it) } : "invocation 6 does not say ${undone.join(' or ')}"
        assert !runs[5].contains('Recorded run #3')

        def changes = new File(basedir, 'src/main/resources/db/changelog/changes').list().sort()
        assert changes.size() == 3 && changes[0].startsWith('0001_') && changes[1].startsWith('0002_')
        assert changes[2] == '0003_half_done.yaml'

        Sql sql = connect()
        try {
            assert sql.rows('select email, name, status, phone, loyalty_points from customer order by id')
                    .collect { it.values() as List } ==
                    [['ada@example.org', 'Ada', 'ACTIVE', null, 0], ['grace@example.org', 'Grace', 'BLOCKED', null, 0]]
            assert sql.rows('select sku, price from product order by id').collect { [it.sku, it.price as String] } ==
                    [['SKU-1', '9.50'], ['SKU-2', '120.00']]
            assert sql.firstRow('select count(*) as n from review').n == 0
            assert tables(sql).sort() == (['automigrate_history', 'customer', 'databasechangelog',
                                           'databasechangeloglock', 'product', 'review'] + leftFromTheFailure).sort()
            leftFromTheFailure.each { assert sql.firstRow("select count(*) as n from ${it}".toString()).n == 0 }
            String changelog = kind == 'postgresql' ? 'databasechangelog' : 'DATABASECHANGELOG'
            assert sql.rows("select id from ${changelog} order by orderexecuted".toString())*.id.every {
                it.startsWith('0001_') || it.startsWith('0002_') }
            // two migrations (files); on MariaDB one changeset per generated statement in each
            assert sql.firstRow("select count(distinct filename) as n from ${changelog}".toString()).n == 2
            if (kind == 'postgresql') {
                assert sql.firstRow("select count(*) as n from ${changelog}".toString()).n == 2
            }
            def history = sql.rows('select goal, status, error from automigrate_history order by id')
            assert history.collect { [it.goal, it.status] } == [['auto', 'SUCCESS'], ['auto', 'SUCCESS'], ['apply', 'FAILED']]
            assert history[2].error.contains('customer') : history[2].error
        } finally {
            sql.close()
        }
    }

    /** The base tables of the IT's database, lower case. */
    List<String> tables(Sql sql) {
        (kind == 'postgresql'
                ? sql.rows("select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'")
                : sql.rows("select table_name as t from information_schema.tables where table_schema = ${database} and table_type = 'BASE TABLE'"))
                .collect { (it.t as String).toLowerCase() }
    }

    private void dropDatabase(Sql sql, String name) {
        if (kind == 'postgresql') {
            sql.execute("DROP DATABASE IF EXISTS ${name} WITH (FORCE)".toString())
        } else {
            sql.execute("DROP DATABASE IF EXISTS ${name}".toString())
            sql.execute("DROP USER IF EXISTS '${userOf(name)}'@'%'".toString())
        }
    }

    private void dropLeftovers(Sql sql) {
        def names = kind == 'postgresql'
                ? sql.rows("SELECT datname AS name FROM pg_database WHERE datname LIKE 'am\\_it\\_%'")*.name
                : sql.rows("SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE 'am\\_it\\_%'")*.name
        def hourAgo = LocalDateTime.now(ZoneOffset.UTC).minusHours(1)
        def format = DateTimeFormatter.ofPattern('yyyyMMddHHmmss')
        names.each { String name ->
            def stamp = (name =~ /^am_it_(\d{14})_/)
            if (stamp.find() && LocalDateTime.parse(stamp.group(1), format).isBefore(hourAgo)) {
                dropDatabase(sql, name)
            }
        }
    }
}

return ServerDatabases
