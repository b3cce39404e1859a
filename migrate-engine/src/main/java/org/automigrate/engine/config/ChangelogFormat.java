package org.automigrate.engine.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.automigrate.engine.ErrorCode;
import org.automigrate.engine.MigrateException;

/** The format of the changeset files Automigrate writes; the master changelog stays YAML and includes them all. */
public enum ChangelogFormat {
    /** Liquibase YAML (the default). */
    YAML("yaml"),
    /** Liquibase XML, valid against the dbchangelog XSD. */
    XML("xml"),
    /** Liquibase formatted SQL ({@code --liquibase formatted sql}). */
    SQL("sql");

    private final String extension;

    ChangelogFormat(String extension) {
        this.extension = extension;
    }

    /** The file name extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** {@code yaml}, {@code xml} or {@code sql}, in any case; blank means YAML. */
    public static ChangelogFormat parse(String value) {
        if (value == null || value.isBlank()) {
            return YAML;
        }
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.extension.equals(wanted)).findFirst()
                .orElseThrow(() -> new MigrateException(ErrorCode.CONFIGURATION, "The changelog format '" + value
                        + "' is not supported: use " + Arrays.stream(values()).map(ChangelogFormat::extension)
                        .collect(Collectors.joining(", ")) + " in <changelogFormat> or -Dmigrate.changelogFormat "
                        + "(default yaml)."));
    }
}
