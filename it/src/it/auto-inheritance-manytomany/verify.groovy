import groovy.sql.Sql

def log = new File(basedir, 'build.log').text
assert log.contains('Discovered 7 entities')
assert log.contains('Applied 1 changeset')
assert log.contains('Verified: the database matches the model')
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')

def sql = new Sql(new org.sqlite.JDBC().connect('jdbc:sqlite:' + new File(basedir, 'auto-inheritance-manytomany.db').absolutePath, new Properties()))
try {
    def tables = sql.rows("select name from sqlite_master where type = 'table'")*.name as Set
    assert tables.containsAll(['vehicle', 'car', 'truck', 'driver', 'driver_vehicle', 'driver_licence_class', 'maintenance_event'])
    // SINGLE_TABLE: no table per subclass
    assert !tables.any { it.equalsIgnoreCase('inspection') || it.equalsIgnoreCase('repair') }

    def columns = { String table -> sql.rows("PRAGMA table_info('" + table + "')".toString())*.name as Set }
    def foreignKeys = { String table ->
        sql.rows("PRAGMA foreign_key_list('" + table + "')".toString()).collect { "${it.from}->${it.table}.${it.to}".toString() } as Set
    }
    // the mapped superclass's audit columns in every root table, not in the JOINED subclass tables
    ['vehicle', 'driver', 'maintenance_event'].each { table ->
        assert columns(table).containsAll(['id', 'created_at', 'updated_at', 'created_by']) : table
    }
    assert !columns('car').contains('created_at')
    // JOINED: subclass tables share the root's key
    assert foreignKeys('car') == ['id->vehicle.id'] as Set
    assert foreignKeys('truck') == ['id->vehicle.id'] as Set
    // SINGLE_TABLE: discriminator and every subclass's columns in one table
    assert columns('maintenance_event').containsAll(['event_type', 'vehicle_id', 'happened_on', 'passed', 'cost', 'description'])
    assert foreignKeys('maintenance_event') == ['vehicle_id->vehicle.id'] as Set
    // the join table and the element collection table
    assert foreignKeys('driver_vehicle') == ['driver_id->driver.id', 'vehicle_id->vehicle.id'] as Set
    assert foreignKeys('driver_licence_class') == ['driver_id->driver.id'] as Set
    def vehiclePlate = sql.rows("PRAGMA index_list('vehicle')").findAll { it.unique as int == 1 }
            .collect { sql.rows("PRAGMA index_info('" + it.name + "')".toString())*.name }
    assert vehiclePlate.contains(['plate'])

    // what the test stored through Hibernate
    assert sql.rows('select event_type from maintenance_event order by happened_on')*.event_type == ['INSPECTION', 'REPAIR']
    assert sql.firstRow('select count(*) as n from driver_vehicle').n == 2
    assert sql.rows('select licence_class from driver_licence_class order by licence_class')*.licence_class == ['B', 'C']
    assert sql.rows('select status from automigrate_history')*.status == ['SUCCESS']
} finally {
    sql.close()
}
return true
