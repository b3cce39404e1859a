def log = new File(basedir, 'build.log').text
// one chunk per Maven run, each with its [ERROR] lines
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert runs.size() == 5 : "expected the output of five Maven runs in build.log, found ${runs.size()}"
def (diff1, check1, failed, diff2, check2) = runs

def changesDir = new File(basedir, 'src/main/resources/db/changelog/changes')
def changes = changesDir.listFiles()?.findAll { it.isFile() }?.collect { it.name }?.sort() ?: []
assert changes.size() == 2 : "expected two changelog files, found ${changes}"
assert changes[0].startsWith('0001_') && changes[1].startsWith('0002_') : changes
def master = new File(basedir, 'src/main/resources/db/changelog/db.changelog-master.yaml').text
assert master.indexOf("db/changelog/changes/${changes[0]}") >= 0
assert master.indexOf("db/changelog/changes/${changes[0]}") < master.indexOf("db/changelog/changes/${changes[1]}")
def first = new File(changesDir, changes[0]).text
def second = new File(changesDir, changes[1]).text
assert first.contains('CREATE TABLE Author') && first.contains('CREATE TABLE Book') && !first.contains('Publisher')
assert second.contains('CREATE TABLE Publisher') && !second.contains('CREATE TABLE Author')
// generated files carry their seal
assert first =~ /(?m)^# automigrate-checksum \S+ \S+$/
assert second =~ /(?m)^# automigrate-checksum \S+ \S+$/

// step 1: diff wrote 0001 and applied nothing
assert diff1.contains("Changelog: src/main/resources/db/changelog/changes/${changes[0]}")
assert diff1 =~ /Wrote .*\Q${changes[0]}\E: \d+ changes?; nothing was applied/
assert diff1.contains('BUILD SUCCESS')
assert !diff1.contains('Applied ') && !diff1.contains('Backup: ')

// step 2: the check in verify passed
assert check1.contains(':check (default)')
assert check1 =~ /Checked: the changelog's 1 changesets? replay on an empty database and cover the model's 2 tables/
assert check1.contains('BUILD SUCCESS')

// step 3: the uncovered entity failed the build, naming the change and the fix
assert failed.contains('BUILD FAILURE')
def errors = failed.readLines().findAll { it.startsWith('[ERROR]') }.join('\n')
assert errors.contains('The model has changes that no changeset covers') : errors
assert errors.contains('create table Publisher') : errors
assert errors.contains('mvn migrate:diff') : errors
assert !failed.contains('Wrote ') && !failed.contains('Changelog: ')

// step 4: diff wrote only the difference
assert diff2.contains("Changelog: src/main/resources/db/changelog/changes/${changes[1]}")
assert diff2 =~ /Wrote .*\Q${changes[1]}\E: 1 change; nothing was applied/
assert diff2.contains('BUILD SUCCESS')

// step 5: passes again, with both changesets
assert check2 =~ /Checked: the changelog's 2 changesets replay on an empty database and cover the model's 3 tables/
assert check2.contains('BUILD SUCCESS')

// no database, backup, or lock was ever created: check and diff need none
def leftovers = new File(basedir as String).list().findAll { it.endsWith('.db') || it.contains('.db.') || it.contains('.db-') || it == 'backups' }
assert leftovers.isEmpty() : "files a database run would leave: ${leftovers}"
return true
