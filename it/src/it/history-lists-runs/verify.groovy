def runs = new File(basedir, 'build.log').text.split(/(?m)^\[INFO\] BUILD SUCCESS.*$/)
assert runs.size() >= 3 : 'expected the output of three successful builds in build.log'
assert runs[0].contains('Recorded run #1')
assert runs[1].contains('Recorded run #2')

def history = runs[2]
assert history.contains('Migration history of')
assert !history.contains('Changelog: ')
def lines = history.readLines()
def ok = lines.findIndexValues { it.contains('[OK] ') }
assert ok.size() == 2 : "expected two [OK] runs:\n${history}"

// newest first; each run lists the model files it involved, and the second one its backup
def details = { int run -> lines.subList(ok[run] as int, run + 1 < ok.size() ? ok[run + 1] as int : lines.size()).join('\n') }
def newest = details(0)
def oldest = details(1)
assert newest.contains('File: ') && newest.contains('Publisher.java') : newest
assert oldest.contains('File: ') && oldest.contains('Author.java') && oldest.contains('Book.java') : oldest
assert newest =~ /Backup: .*history-lists-runs\.db\.backup_\d{8}_\d{6}/
return true
