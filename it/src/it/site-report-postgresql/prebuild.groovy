evaluate(new File(itSupport, 'servers.groovy')).newInstance('postgresql', itRun, basedir).create()
return true
