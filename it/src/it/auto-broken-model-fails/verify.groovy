def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')

// the engine's message reaches Maven's [ERROR] output and names both classes and the table
def errors = log.readLines().findAll { it.startsWith('[ERROR]') }.join('\n')
assert errors.contains('org.automigrate.it.broken.Item') : "the error does not name Item:\n${errors}"
assert errors.contains('org.automigrate.it.broken.LegacyItem') : "the error does not name LegacyItem:\n${errors}"
assert errors.contains('item')

// it stopped before touching anything
assert !new File(basedir, 'auto-broken-model-fails.db').exists() : 'a database file was created'
assert !new File(basedir, 'src/main/resources/db').exists() : 'a changelog was written'
assert !new File(basedir, 'backups').exists()

// a failed run leaves its result too: status, error code and the message the user saw
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/migrate/auto.json'))
assert json.schemaVersion == 1
assert json.goal == 'auto'
assert json.status == 'failed'
assert json.errorCode == 'model'
assert json.message.contains('org.automigrate.it.broken.Item') && json.message.contains('org.automigrate.it.broken.LegacyItem')
assert json.result == null
return true
