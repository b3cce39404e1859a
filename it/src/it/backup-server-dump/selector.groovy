// a server IT: skipped only when asked to (-Dmigrate.skipServers=true), like the engine's server tests
return !Boolean.getBoolean('migrate.skipServers')
