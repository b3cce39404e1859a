package org.automigrate.engine.support;

import java.util.HashMap;
import java.util.Map;

import org.automigrate.engine.db.DatabaseKind;
import org.automigrate.engine.testing.Servers;

/** Hibernate's own validate of a test model against a server database, as the application would run it. */
public final class ServerValidate {
    private ServerValidate() {
    }

    public static void validate(Servers.Database db, String modelPackage) {
        Map<String, String> settings = new HashMap<>();
        settings.put("hibernate.connection.url", db.url());
        settings.put("hibernate.connection.username", db.username());
        if (db.password() != null) {
            settings.put("hibernate.connection.password", db.password());
        }
        if (db.kind() == DatabaseKind.MARIADB) {
            settings.put("hibernate.dialect", "org.hibernate.dialect.MariaDBDialect");
        }
        HibernateValidate.validate(settings, modelPackage);
    }
}
