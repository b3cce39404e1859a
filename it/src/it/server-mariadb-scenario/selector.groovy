// skips this IT when MariaDB is down and -Dmigrate.skipServers=true; otherwise prebuild.groovy fails it
def servers = evaluate(new File(itSupport, 'servers.groovy')).newInstance('mariadb', itRun, basedir)
return !Boolean.parseBoolean(skipServers) || servers.reachable()
