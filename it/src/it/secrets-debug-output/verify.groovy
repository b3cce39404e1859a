def lines = new File(basedir, 'build.log').readLines()
def log = lines.join('\n')
// the runs did run with Maven's debug output, configured our mojos, and succeeded
assert log.contains("[DEBUG] Configuring mojo execution 'org.automigrate:migrate-maven-plugin:") : 'no -X output'
assert log.contains('[DEBUG]   (f) changelogDirectory = ') : 'no parameter values in the -X output'
assert log.contains('Applied 1 changeset') : 'the first run did not migrate'
assert log.contains('The database matches the model.') : 'status did not run'
assert !log.contains('(f) password') : 'the password is a mojo parameter again'

// maven-resources-plugin lists every system property and environment variable under -X
// ("[DEBUG] properties used:", then "[DEBUG] name: value" lines,
// the command line included): Maven's, not ours, and the README says so
def dump = [] as Set
lines.eachWithIndex { line, i ->
    if (line == '[DEBUG] properties used:') {
        // a value holding a line break (line.separator) continues on a line of its own
        for (int j = i + 1; j < lines.size() && (lines[j] ==~ /\[DEBUG\] [^ ]+: ?.*/ || !lines[j].startsWith('[')); j++) {
            dump << j
        }
    }
}
assert !dump.isEmpty() : 'the resources plugin no longer lists the properties: the README note can go'
['Cli-Pa55-7731', 'Env-Pa55-9913', 'Pom-Pa55-5521'].each { secret ->
    def leaks = []
    lines.eachWithIndex { line, i -> if (line.contains(secret) && !dump.contains(i)) leaks << line }
    assert leaks.isEmpty() : "the password ${secret} is in build.log outside the resources plugin's list: ${leaks.take(5)}"
}
return true
