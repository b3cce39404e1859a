// fresh databases am_it_backup_pg and am_it_backup_maria on the PostgreSQL and MariaDB servers of this machine
def run = { List<String> command ->
    def process = new ProcessBuilder(command).redirectErrorStream(true).start()
    def output = process.inputStream.text
    assert process.waitFor() == 0 : "${command.join(' ')} failed (is the server running? -Dmigrate.skipServers=true skips server ITs):\n${output}"
}
def psql = ['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', '5432', '-U', 'postgres']
run(psql + ['-d', 'postgres', '-c', 'DROP DATABASE IF EXISTS am_it_backup_pg WITH (FORCE)'])
run(psql + ['-d', 'postgres', '-c', 'CREATE DATABASE am_it_backup_pg'])
run(psql + ['-d', 'am_it_backup_pg', '-c', "CREATE TABLE shop_item (id INT PRIMARY KEY, name TEXT); INSERT INTO shop_item VALUES (1, 'pen'), (2, 'ink')"])
def mariadb = ['mariadb', '--protocol=TCP', '-h', '127.0.0.1', '-P', '3306', '-u', 'root']
run(mariadb + ['-e', 'DROP DATABASE IF EXISTS am_it_backup_maria; CREATE DATABASE am_it_backup_maria'])
run(mariadb + ['am_it_backup_maria', '-e', "CREATE TABLE shop_item (id INT PRIMARY KEY, name TEXT); INSERT INTO shop_item VALUES (1, 'pen'), (2, 'ink')"])
return true
