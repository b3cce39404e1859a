package org.automigrate.engine.support;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.automigrate.engine.EngineConfig;

/**
 * The small model of the tests of many databases (a tenant's accounts), compiled at test time in two versions:
 * v1 is {@code account(id, name, email)}; v2 makes {@code email} unique, adds a nullable {@code phone} and a table
 * {@code note} referring to {@code account}. A tenant whose accounts share an email cannot take v2.
 */
public final class TenantModel {
    private final Path v1;
    private final Path v2;

    private TenantModel(Path v1, Path v2) {
        this.v1 = v1;
        this.v2 = v2;
    }

    /** Compiles both versions under {@code dir}. */
    public static TenantModel compile(Path dir) {
        Map<String, String> one = new LinkedHashMap<>();
        one.put("tenant.Account", account(""));
        Map<String, String> two = new LinkedHashMap<>();
        two.put("tenant.Account", account(", unique = true"));
        two.put("tenant.Note", """
                package tenant;

                import jakarta.persistence.*;

                @Entity
                @Table(name = "note")
                public class Note {
                    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
                    @ManyToOne(optional = false) @JoinColumn(name = "account_id") Account account;
                    @Column(length = 200) String text;
                }
                """);
        return new TenantModel(ModelCompiler.compile(one, dir.resolve("v1")), ModelCompiler.compile(two, dir.resolve("v2")));
    }

    private static String account(String emailExtra) {
        boolean v2 = !emailExtra.isEmpty();
        return """
                package tenant;

                import jakarta.persistence.*;

                @Entity
                @Table(name = "account")
                public class Account {
                    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
                    @Column(nullable = false, length = 100) String name;
                    @Column(length = 100%s) String email;
                    %s
                }
                """.formatted(emailExtra, v2 ? "@Column(length = 30) String phone;" : "");
    }

    /** The settings of a project in {@code project} whose model is version {@code version} (1 or 2). */
    public EngineConfig.Builder config(Path project, int version) {
        Path classes = version == 1 ? v1 : v2;
        return EngineConfig.builder(project).scanRoots(List.of(classes)).classpath(List.of(classes));
    }

    /** The statements that fill a tenant's accounts: {@code rows} accounts, each with an email of its own. */
    public static String[] rows(String tenant, int rows) {
        String[] sql = new String[rows];
        for (int i = 0; i < rows; i++) {
            sql[i] = "insert into account (name, email) values ('" + tenant + " user " + i + "', '" + tenant + "." + i
                    + "@example.com')";
        }
        return sql;
    }
}
