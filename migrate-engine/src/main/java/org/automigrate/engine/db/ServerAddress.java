package org.automigrate.engine.db;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.automigrate.engine.config.DatabaseTarget;

/**
 * The parts of a PostgreSQL or MariaDB/MySQL JDBC URL the engine needs: host, port, database and
 * parameters. It builds the URL of a sibling database on the same server (the shadow) and the
 * arguments of the vendor's dump tools. {@code jdbc:mysql:} URLs are connected through the MariaDB
 * driver, which accepts them only under the {@code jdbc:mariadb:} scheme.
 */
public record ServerAddress(DatabaseKind kind, String host, int port, String database, Map<String, String> parameters) {
    private static final Pattern URL = Pattern.compile(
            "(?i)jdbc:(postgresql|mariadb|mysql)://([^/?#]*)(?:/([^?#]*))?(?:\\?(.*))?");

    public ServerAddress {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public static ServerAddress parse(String url) {
        Matcher m = URL.matcher(url.trim());
        if (!m.matches()) {
            throw new MigrateException(ErrorCode.CONFIGURATION, "The database URL " + DatabaseTarget.maskSecrets(url)
                    + " is not of the form jdbc:postgresql://host[:port]/database or jdbc:mariadb://host[:port]/database."
                    + " Fix <url> or -Dmigrate.url.");
        }
        DatabaseKind kind = m.group(1).equalsIgnoreCase("postgresql") ? DatabaseKind.POSTGRESQL : DatabaseKind.MARIADB;
        String authority = m.group(2);
        if (authority.contains(",")) {
            throw new MigrateException(ErrorCode.CONFIGURATION, "The database URL " + DatabaseTarget.maskSecrets(url)
                    + " names several hosts; migrations run against one server. Name the primary in <url>.");
        }
        int at = authority.lastIndexOf('@');
        String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
        String host = hostPort.isEmpty() ? "localhost" : hostPort;
        int port = kind == DatabaseKind.POSTGRESQL ? 5432 : 3306;
        int colon = hostPort.lastIndexOf(':');
        if (colon >= 0 && !hostPort.endsWith("]")) {
            host = hostPort.substring(0, colon);
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new MigrateException(ErrorCode.CONFIGURATION, "The port in " + DatabaseTarget.maskSecrets(url)
                        + " is not a number. Fix <url> or -Dmigrate.url.");
            }
        }
        String database = m.group(3) == null ? "" : m.group(3);
        if (database.isBlank()) {
            throw new MigrateException(ErrorCode.CONFIGURATION, "The database URL " + DatabaseTarget.maskSecrets(url)
                    + " names no database. Add it: " + (kind == DatabaseKind.POSTGRESQL
                    ? "jdbc:postgresql://host:5432/mydb" : "jdbc:mariadb://host:3306/mydb") + ".");
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (m.group(4) != null && !m.group(4).isEmpty()) {
            for (String pair : m.group(4).split("&")) {
                int eq = pair.indexOf('=');
                params.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return new ServerAddress(kind, host, port, database, params);
    }

    /** The URL to connect to {@code otherDatabase} on the same server with the same parameters. */
    public String urlFor(String otherDatabase) {
        StringBuilder url = new StringBuilder(kind == DatabaseKind.POSTGRESQL ? "jdbc:postgresql://" : "jdbc:mariadb://")
                .append(host).append(':').append(port).append('/').append(otherDatabase);
        char separator = '?';
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            url.append(separator).append(p.getKey()).append('=').append(p.getValue());
            separator = '&';
        }
        return url.toString();
    }

    /**
     * The URL of a shadow database on the same server: the same parameters, but without PostgreSQL's
     * {@code currentSchema} (a fresh database has only {@code public}).
     */
    public String shadowUrl(String shadow) {
        Map<String, String> kept = new LinkedHashMap<>(parameters);
        kept.remove("currentSchema");
        return new ServerAddress(kind, host, port, database, kept).urlFor(shadow);
    }

    /** PostgreSQL: the URL of this database with {@code currentSchema} set to {@code schema}. */
    public String withSchema(String schema) {
        return with("currentSchema", schema).url();
    }

    /** This address with one URL parameter set (replaced if present). */
    public ServerAddress with(String parameter, String value) {
        Map<String, String> kept = new LinkedHashMap<>(parameters);
        kept.put(parameter, value);
        return new ServerAddress(kind, host, port, database, kept);
    }

    /** The URL to connect to this database (a {@code jdbc:mysql:} URL rewritten for the MariaDB driver). */
    public String url() {
        return urlFor(database);
    }

    /** A user name given inside the URL ({@code user=}), or null. */
    public String userInUrl() {
        return parameters.get("user");
    }

    /** A password given inside the URL ({@code password=}), or null. */
    public String passwordInUrl() {
        return parameters.get("password");
    }

    /** The schema tables live in: PostgreSQL's {@code currentSchema} (default {@code public}), or the database. */
    public String schema() {
        if (kind == DatabaseKind.POSTGRESQL) {
            String schema = parameters.get("currentSchema");
            return schema == null || schema.isBlank() ? "public" : schema.split(",")[0];
        }
        return database;
    }

    public String product() {
        return kind == DatabaseKind.POSTGRESQL ? "PostgreSQL" : "MariaDB";
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + "://" + host + ":" + port + "/" + database;
    }
}
