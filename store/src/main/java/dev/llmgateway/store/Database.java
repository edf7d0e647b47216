package dev.llmgateway.store;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbTransaction;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * An open database: a Helidon DB Client over a Hikari pool, with the schema migrated to the newest
 * version when it was opened. Thread-safe; one per process, closed at shutdown.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    private final StoreSettings settings;
    private final DbClient client;

    private Database(StoreSettings settings, DbClient client) {
        this.settings = settings;
        this.client = client;
    }

    /**
     * Migrates the schema (every {@code db/migration} script on the class path plus this database's
     * {@code db/vendor/<vendor>} scripts), then opens the pool. Throws {@link StoreException} with a
     * message that names the database (never its password) when either fails.
     */
    public static Database open(StoreSettings settings) {
        migrate(settings);
        try {
            return new Database(settings, DbClient.create(clientConfig(settings).get("db")));
        } catch (RuntimeException e) {
            throw new StoreException("Cannot open the database at " + settings.redactedUrl() + ": "
                    + rootMessage(e), e);
        }
    }

    public DatabaseKind kind() {
        return settings.kind();
    }

    public StoreSettings settings() {
        return settings;
    }

    /** Statements outside a transaction (each one commits on its own). */
    public DbExecute execute() {
        return client.execute();
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws
     * (the exception is rethrown unchanged).
     */
    public <T> T transaction(Function<DbTransaction, T> work) {
        DbTransaction tx = client.transaction();
        T result;
        try {
            result = work.apply(tx);
        } catch (RuntimeException | Error e) {
            try {
                tx.rollback();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        tx.commit();
        return result;
    }

    /** {@link #transaction(Function)} for work without a result. */
    public void inTransaction(Consumer<DbTransaction> work) {
        transaction(tx -> {
            work.accept(tx);
            return null;
        });
    }

    @Override
    public void close() {
        client.close();
    }

    private static void migrate(StoreSettings settings) {
        var flyway = Flyway.configure()
                .dataSource(settings.url(), settings.username().orElse(null), settings.password().orElse(null))
                .locations("classpath:db/migration", "classpath:db/vendor/" + settings.kind().vendor())
                .failOnMissingLocations(false);
        settings.schema().ifPresent(s -> flyway.schemas(s).defaultSchema(s).createSchemas(true));
        try {
            MigrateResult result = flyway.load().migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info(() -> "database " + settings.redactedUrl() + ": applied " + result.migrationsExecuted
                        + " migration(s), schema now at version " + result.targetSchemaVersion);
            }
        } catch (RuntimeException e) {
            throw new StoreException("Cannot migrate the database at " + settings.redactedUrl() + ": "
                    + rootMessage(e), e);
        }
    }

    private static Config clientConfig(StoreSettings settings) {
        Map<String, String> map = new HashMap<>();
        map.put("db.source", "jdbc");
        map.put("db.connection.url", settings.url() + schemaOption(settings));
        settings.username().ifPresent(u -> map.put("db.connection.username", u));
        settings.password().ifPresent(p -> map.put("db.connection.password", p));
        map.put("db.connection.poolName", "llmgw-store");
        map.put("db.connection.maximumPoolSize", Integer.toString(settings.maxPoolSize()));
        map.put("db.connection.minimumIdle", "1");
        map.put("db.connection.connectionTimeout", "5000");
        return Config.just(ConfigSources.create(map));
    }

    /** Points the pool's connections at the configured schema. */
    private static String schemaOption(StoreSettings settings) {
        if (settings.schema().isEmpty()) {
            return "";
        }
        String schema = settings.schema().get();
        return switch (settings.kind()) {
            case POSTGRESQL -> (settings.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
            case H2 -> ";SCHEMA=" + schema;
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
