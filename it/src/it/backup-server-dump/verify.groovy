def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
try {
    assert runs.size() == 3 : "expected the output of three Maven runs in build.log, found ${runs.size()}"
    runs.eachWithIndex { run, i -> assert run.contains('BUILD SUCCESS') : "run ${i + 1} failed:\n${run}" }
    assert !log.contains('Sekr3t-Pa55') : 'the password was printed'
    def (postgres, mariadb1, mariadb2) = runs
    def backups = new File(basedir, 'backups')

    // PostgreSQL: a pg_dump in <project>/backups, one log line, and the list
    def pgFile = new File((postgres =~ /\[INFO\] Backup: (\S+) \(\d+\.\d KB, \d+ ms\)/)[0][1])
    assert pgFile.parentFile.canonicalFile == backups.canonicalFile
    assert pgFile.name ==~ /am_it_backup_pg\.backup_\d{8}_\d{6}\.sql/
    def pgDump = pgFile.text
    assert pgDump.contains('PostgreSQL database dump') && pgDump.contains('CREATE TABLE public.shop_item')
    assert pgDump.contains('1\tpen') && !pgDump.contains('OWNER TO')
    assert postgres =~ /Backups of jdbc:postgresql:\/\/127\.0\.0\.1:5432\/am_it_backup_pg \(1, newest first\):/

    // MariaDB: the second backup replaces the first (backupKeep=1); the user comes from the URL
    def first = new File((mariadb1 =~ /\[INFO\] Backup: (\S+) \(/)[0][1])
    def second = new File((mariadb2 =~ /\[INFO\] Backup: (\S+) \(/)[0][1])
    assert second.isFile() && !first.exists()
    assert mariadb2.contains('Backup retention: removed 1 old backup (keep 1, 30 days)')
    def mariaDump = second.text
    assert mariaDump.contains('CREATE TABLE `shop_item`') && mariaDump.contains("(1,'pen')")
    assert !mariaDump.contains('CREATE DATABASE')
    assert second.name ==~ /am_it_backup_maria\.backup_\d{8}_\d{6}(_\d+)?\.sql/
    assert pgFile.isFile() : 'the PostgreSQL backup is not the MariaDB database\'s to prune'
    assert backups.listFiles().findAll { it.name.endsWith('.sql') }.size() == 2
    assert !backups.listFiles().any { it.name.endsWith('.partial') }
} finally {
    ['psql', '-X', '-q', '-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-c',
     'DROP DATABASE IF EXISTS am_it_backup_pg WITH (FORCE)'].execute().waitFor()
    ['mariadb', '--protocol=TCP', '-h', '127.0.0.1', '-u', 'root', '-e', 'DROP DATABASE IF EXISTS am_it_backup_maria'].execute().waitFor()
}
return true
