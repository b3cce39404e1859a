package org.automigrate.engine.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;
import org.automigrate.engine.db.DatabaseKind;

/**
 * The database a run works on. {@link #toString()} and {@link #maskedUrl()} never show a password,
 * whether it was given separately or inside the URL.
 */
public final class DatabaseTarget {
    private static final Pattern URL_PASSWORD =
            Pattern.compile("(?i)(password|pwd|passwd)=([^&;]*)");
    private static final Pattern URL_USERINFO = Pattern.compile("(//[^/:@]+):([^@/]*)@");

    private final String url;
    private final String username;
    private final String password;
    private final DatabaseKind kind;

    private DatabaseTarget(String url, String username, String password) {
        this.url = url;
        this.username = username;
        this.password = password;
        this.kind = DatabaseKind.of(url);
    }

    /**
     * Parses and checks a JDBC URL. Throws {@link ErrorCode#CONFIGURATION} for a URL this engine
     * cannot use.
     */
    public static DatabaseTarget of(String url, String username, String password) {
        if (url == null || url.isBlank()) {
            throw new MigrateException(ErrorCode.CONFIGURATION,
                    "No database URL is configured. Set <url> in the plugin configuration or "
                            + "-Dmigrate.url=jdbc:sqlite:path/to/file.db");
        }
        String trimmed = url.trim();
        DatabaseTarget target = new DatabaseTarget(trimmed, blankToNull(username), blankToNull(password));
        if (target.kind == DatabaseKind.SQLITE) {
            target.sqliteFile(); // validates the path part
        }
        return target;
    }

    /**
     * For SQLite, the same target with a relative file path made absolute against {@code base} (the project
     * directory), so that a URL like {@code jdbc:sqlite:data/shop.db} means the same file whatever directory
     * Maven was started from.
     */
    public DatabaseTarget resolvedAgainst(Path base) {
        if (kind != DatabaseKind.SQLITE) {
            return this;
        }
        String rest = url.substring("jdbc:sqlite:".length());
        String prefix = rest.startsWith("file:") ? "file:" : "";
        String path = rest.substring(prefix.length());
        int query = path.indexOf('?');
        String file = query >= 0 ? path.substring(0, query) : path;
        String params = query >= 0 ? path.substring(query) : "";
        if (file.isBlank() || file.startsWith(":memory:") || Path.of(file).isAbsolute()) {
            return this;
        }
        String absolute = base.resolve(file).toAbsolutePath().normalize().toString();
        return new DatabaseTarget("jdbc:sqlite:" + prefix + absolute + params, username, password);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    public String url() {
        return url;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public DatabaseKind kind() {
        return kind;
    }

    /** The database file of a SQLite URL, absolute. */
    public Path sqliteFile() {
        if (kind != DatabaseKind.SQLITE) {
            throw new IllegalStateException("not a SQLite URL: " + maskedUrl());
        }
        String rest = url.substring("jdbc:sqlite:".length());
        int query = rest.indexOf('?');
        String file = query >= 0 ? rest.substring(0, query) : rest;
        if (file.startsWith("file:")) {
            file = file.substring("file:".length());
        }
        if (file.isBlank() || file.equals(":memory:") || rest.contains("mode=memory")) {
            throw new MigrateException(ErrorCode.CONFIGURATION,
                    "The SQLite URL " + maskedUrl() + " names no database file. Migrations need a file: "
                            + "set <url> or -Dmigrate.url=jdbc:sqlite:path/to/file.db");
        }
        try {
            return Path.of(file).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            throw new MigrateException(ErrorCode.CONFIGURATION,
                    "The SQLite URL " + maskedUrl() + " does not name a valid file path: " + e.getMessage()
                            + ". Set <url> or -Dmigrate.url=jdbc:sqlite:path/to/file.db", e);
        }
    }

    /** The URL with any password in it replaced by {@code ****}. */
    public String maskedUrl() {
        return maskSecrets(url);
    }

    /** Masks passwords in any text that may contain this target's URL or password. */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String result = maskSecrets(text);
        if (password != null && password.length() >= 3) {
            result = result.replace(password, "****");
        }
        return result;
    }

    /** Replaces passwords written in JDBC URL syntax ({@code password=...}, {@code user:pw@}) by {@code ****}. */
    public static String maskSecrets(String text) {
        String masked = URL_PASSWORD.matcher(text).replaceAll("$1=****");
        return URL_USERINFO.matcher(masked).replaceAll("$1:****@");
    }

    @Override
    public String toString() {
        return maskedUrl() + (username == null ? "" : " (user " + username + ")");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatabaseTarget other && url.equals(other.url)
                && Objects.equals(username, other.username) && Objects.equals(password, other.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, username);
    }
}
