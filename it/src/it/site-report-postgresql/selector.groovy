// skips this IT when PostgreSQL is down and -Dmigrate.skipServers=true; otherwise prebuild.groovy fails it
def servers = evaluate(new File(itSupport, 'servers.groovy')).newInstance('postgresql', itRun, basedir)
return !Boolean.parseBoolean(skipServers) || servers.reachable()
