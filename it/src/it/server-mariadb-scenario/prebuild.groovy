evaluate(new File(itSupport, 'servers.groovy')).newInstance('mariadb', itRun, basedir).create()
return true
