package dev.llmgateway.testing;

import dev.llmgateway.store.Database;
import dev.llmgateway.store.DatabaseKind;
import dev.llmgateway.store.StoreSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway, fully migrated database for one test: a private in-memory H2 database, or a fresh
 * schema in the PostgreSQL server at 127.0.0.1:5432 (database {@code test}, user {@code postgres},
 * trust authentication; override with {@code LLMGW_TEST_PG_URL} / {@code LLMGW_TEST_PG_USER}),
 * dropped again on {@link #close()}.
 *
 * <p>When PostgreSQL cannot be reached the test is skipped on a developer's machine, but fails when
 * the environment variable {@code CI} is {@code true}: in CI a missing service is an error.
 */
public final class TestDatabase implements AutoCloseable {

    private static final String PG_URL = env("LLMGW_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = env("LLMGW_TEST_PG_USER", "postgres");

    private final Database database;
    private final StoreSettings settings;

    private TestDatabase(StoreSettings settings) {
        this.settings = settings;
        this.database = Database.open(settings);
    }

    /** A migrated database of the given kind. */
    public static TestDatabase open(DatabaseKind kind) {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return new TestDatabase(settings(kind, name));
    }

    /** Settings for a new, empty database of the given kind (not yet migrated), for tests that open their own. */
    public static StoreSettings settings(DatabaseKind kind, String name) {
        return switch (kind) {
            case H2 -> StoreSettings.inMemory(name);
            case POSTGRESQL -> {
                requirePostgres();
                yield new StoreSettings(PG_URL, Optional.of(PG_USER), Optional.empty(),
                        Optional.of(name.toLowerCase(Locale.ROOT)), 8);
            }
        };
    }

    /** Skips (or, under {@code CI=true}, fails) the calling test when PostgreSQL is not reachable. */
    public static void requirePostgres() {
        Optional<String> problem = postgresProblem();
        if (problem.isPresent()) {
            String message = "PostgreSQL is not reachable at " + PG_URL + " (" + problem.get() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + "; under CI=true every service must be running");
            }
            Assumptions.abort(message + "; skipped outside CI");
        }
    }

    public Database database() {
        return database;
    }

    public StoreSettings settings() {
        return settings;
    }

    public DatabaseKind kind() {
        return settings.kind();
    }

    @Override
    public void close() {
        database.close();
        if (settings.kind() == DatabaseKind.POSTGRESQL) {
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, null);
                 Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + settings.schema().orElseThrow() + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("could not drop test schema " + settings.schema().orElseThrow(), e);
            }
        } else {
            try (Connection c = DriverManager.getConnection(settings.url(), "sa", "");
                 Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                throw new IllegalStateException("could not shut the test H2 database down", e);
            }
        }
    }

    private static volatile Optional<String> pgProblem;

    private static Optional<String> postgresProblem() {
        Optional<String> known = pgProblem;
        if (known != null) {
            return known;
        }
        Optional<String> found;
        DriverManager.setLoginTimeout(3);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, null)) {
            found = c.isValid(3) ? Optional.empty() : Optional.of("connection not valid");
        } catch (SQLException e) {
            found = Optional.of(e.getMessage());
        }
        pgProblem = found;
        return found;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
