// mvn site wrote the Automigrate page of a PostgreSQL database; the shared check looks at it, in Chromium too.
// The review table is three changes on PostgreSQL: the table and its two foreign keys
def servers = evaluate(new File(itSupport, 'servers.groovy')).newInstance('postgresql', itRun, basedir)
try {
    def page = new File(basedir, 'target/site/automigrate.html').getText('UTF-8')
    // the declared types, not PostgreSQL's internal names (int8, bool, numeric without its precision)
    assert page.contains('>numeric(21,2)</text>') && page.contains('>bigint</text>') && !page.contains('>int8</text>')
    assert !page.contains('pg-it-Secret-0815') && !new File(basedir, 'build.log').text.contains('pg-it-Secret-0815')
    return evaluate(new File(itSupport, 'site-report.groovy')).verify(basedir, itSupport, skipBrowser, 3)
} finally {
    servers.drop()
}
