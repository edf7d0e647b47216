package dev.llmgateway.store;

import java.util.Locale;

/** The databases the gateway runs on. */
public enum DatabaseKind {
    /** Embedded H2 (file or memory), in PostgreSQL compatibility mode. */
    H2("h2"),
    /** PostgreSQL 12 or newer, optionally with the TimescaleDB extension. */
    POSTGRESQL("postgresql");

    private final String vendor;

    DatabaseKind(String vendor) {
        this.vendor = vendor;
    }

    /** The folder name under {@code db/vendor/} for this database's own migrations. */
    public String vendor() {
        return vendor;
    }

    /** The kind a JDBC URL points at; throws for any other database. */
    public static DatabaseKind of(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("Unsupported database URL '" + redact(jdbcUrl)
                + "': use jdbc:h2:… or jdbc:postgresql://…");
    }

    /** The URL without its query string, which may hold a password. */
    static String redact(String jdbcUrl) {
        int q = jdbcUrl.indexOf('?');
        int semi = jdbcUrl.indexOf(';');
        int cut = q < 0 ? semi : semi < 0 ? q : Math.min(q, semi);
        return cut < 0 ? jdbcUrl : jdbcUrl.substring(0, cut);
    }
}
