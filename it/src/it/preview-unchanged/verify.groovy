import java.security.MessageDigest

def runs = new File(basedir, 'build.log').text.split(/(?m)^\[INFO\] BUILD SUCCESS.*$/)
assert runs.size() >= 2 : 'expected the output of two successful builds in build.log'
def (auto, preview) = [runs[0], runs[1]]
assert auto.contains('Applied 1 changeset')
assert auto.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')

// the preview: every change of v2, each with its SQL, and the promise
assert preview.contains('Preview of')
def safe = preview.readLines().findAll { it.contains('[SAFE]') }
assert safe.size() >= 3 : "expected a [SAFE] line per change (new table, two columns, a foreign key):\n${safe.join('\n')}"
def lower = preview.toLowerCase()
assert lower =~ /create table\s+"?publisher/
assert lower.contains('subtitle')
assert lower =~ /edition[^\n]*default\s+'?1/
assert preview.contains('Nothing was changed.')
assert !preview.contains('Changelog: ')
assert !preview.contains('Backup: ')
assert !preview.contains('Applied ')

// and nothing was changed: the database is byte-identical, no changelog file was written or edited
def before = new Properties()
new File(basedir, 'target/before-preview.properties').withReader { before.load(it) }
def sha256 = { File file -> MessageDigest.getInstance('SHA-256').digest(file.bytes).encodeHex().toString() }
def changelog = new File(basedir, 'src/main/resources/db/changelog')
assert sha256(new File(basedir, 'preview-unchanged.db')) == before.getProperty('db.sha256')
assert sha256(new File(changelog, 'db.changelog-master.yaml')) == before.getProperty('master.sha256')
assert new File(changelog, 'changes').list().sort().join(',') == before.getProperty('changes')
assert before.getProperty('changes').split(',').size() == 1
assert !new File(basedir, 'preview-unchanged.db-journal').exists()
assert !new File(basedir, 'preview-unchanged.db-wal').exists()
return true
