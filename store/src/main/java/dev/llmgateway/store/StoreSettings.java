package dev.llmgateway.store;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the database is and how to reach it ({@code store.*} in the gateway configuration).
 *
 * @param url         a {@code jdbc:h2:…} or {@code jdbc:postgresql://…} URL
 * @param username    database user; empty for H2's default
 * @param password    database password; never logged
 * @param schema      the schema to use (created by the migrations when missing); empty for the
 *                    database's default ({@code public} on PostgreSQL)
 * @param maxPoolSize most connections the pool opens
 */
public record StoreSettings(String url, Optional<String> username, Optional<String> password, Optional<String> schema,
                            int maxPoolSize) {

    public StoreSettings {
        Objects.requireNonNull(url, "url");
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1");
        }
        DatabaseKind.of(url);
    }

    /** The embedded default: an H2 file database {@code llm-gateway} under {@code dataDir}. */
    public static StoreSettings embedded(Path dataDir) {
        String file = dataDir.toAbsolutePath().normalize().resolve("llm-gateway").toString();
        return new StoreSettings("jdbc:h2:file:" + file + h2Options(), Optional.of("sa"), Optional.empty(),
                Optional.empty(), 8);
    }

    /** A private in-memory H2 database, kept while the process runs; for tests and throwaway demos. */
    public static StoreSettings inMemory(String name) {
        return new StoreSettings("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1" + h2Options(), Optional.of("sa"),
                Optional.empty(), Optional.empty(), 8);
    }

    public DatabaseKind kind() {
        return DatabaseKind.of(url);
    }

    /** The URL without options or query (which may carry credentials), for logs and errors. */
    public String redactedUrl() {
        return DatabaseKind.redact(url);
    }

    /** PostgreSQL compatibility, lower-case identifiers as PostgreSQL folds them, NULLs last like PostgreSQL. */
    private static String h2Options() {
        return ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    @Override
    public String toString() {
        return "StoreSettings[url=" + redactedUrl() + ", username=" + username.orElse("") + ", schema="
                + schema.orElse("") + ", maxPoolSize=" + maxPoolSize + "]";
    }
}
