// mvn site wrote the Automigrate page of a SQLite database; the shared check looks at it, in Chromium too
return evaluate(new File(itSupport, 'site-report.groovy')).verify(basedir, itSupport, skipBrowser, 1)
