import java.security.MessageDigest
import groovy.json.JsonSlurper

def runs = new File(basedir, 'build.log').text.split(/(?m)^\[INFO\] BUILD SUCCESS.*$/)
assert runs.size() >= 3 : 'expected the output of three successful builds in build.log'
def (auto, preview, report) = [runs[0], runs[1], runs[2]]
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

// preview's machine-readable result: the same changes, each with its safety class and SQL
def json = new JsonSlurper().parse(new File(basedir, 'target/migrate/preview.json'))
assert json.schemaVersion == 1 && json.goal == 'preview' && json.status == 'dry_run' && json.errorCode == null
assert json.result.databaseExists == true
assert json.result.pending == []
assert json.result.changes.size() == safe.size()
assert json.result.changes.every { it.safety == 'safe' && it.sql }
assert json.result.changes.any { it.description.toLowerCase().contains('publisher') }

// preview -Dmigrate.report=true and migrate:report both wrote the Markdown report
def reportFile = new File(basedir, 'target/migrate/schema.md')
assert preview.contains('Report: ' + reportFile.canonicalPath)
assert report.contains('Report: ' + reportFile.canonicalPath)
def md = reportFile.text
assert md.startsWith('# Schema report')
def diagram = md.substring(md.indexOf('```mermaid\nerDiagram\n'), md.indexOf('```', md.indexOf('```mermaid') + 3))
assert diagram =~ /(?mi)^    author \{$/
assert diagram =~ /(?mi)^    book \{$/
assert diagram =~ /(?mi)^    publisher \{$/
assert diagram =~ /(?mi)^        \S+ id PK$/
// declared types, NOT NULL and defaults (the comment), keys
assert diagram =~ /(?mi)^        varchar\(20\) isbn UK "not null"$/
assert diagram =~ /(?mi)^        bigint author_id FK "not null"$/
assert diagram =~ /(?mi)^        bigint publisher_id FK$/
assert diagram =~ /(?mi)^        integer edition "not null, default 1"$/
assert diagram =~ /(?mi)^    author \|\|--o\{ book : "author_id"$/
assert diagram =~ /(?mi)^    publisher \|o--o\{ book : "publisher_id"$/
assert md.contains('| Change | Table | Safety | SQL |')
assert md =~ /(?mi)^\| create table publisher \| <code>publisher<\/code> \| safe \| <code>CREATE TABLE publisher /
assert md.contains('None: the database has run every changeset of the changelog.')
assert md =~ /(?m)^\| 1 \| \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \| auto \| ok \| /
def reportJson = new JsonSlurper().parse(new File(basedir, 'target/migrate/report.json'))
assert reportJson.goal == 'report' && reportJson.status == 'reported'
assert reportJson.result.model*.name*.toLowerCase() as Set == ['author', 'book', 'publisher'] as Set
assert reportJson.result.preview.changes.size() == json.result.changes.size()
assert reportJson.result.history.size() == 1
return true

