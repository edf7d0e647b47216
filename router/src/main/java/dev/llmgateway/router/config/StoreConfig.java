package dev.llmgateway.router.config;

import dev.llmgateway.store.DatabaseKind;
import dev.llmgateway.store.StoreSettings;
import dev.llmgateway.tenancy.TenancySettings;
import java.nio.file.Path;
import java.util.Optional;

/** Reads {@code store.*} (the database) and {@code tenancy.*}. */
final class StoreConfig {

    private StoreConfig() {
    }

    /** {@code store.*}: without {@code store.url}, an H2 file database under the data directory. */
    static StoreSettings store(ConfigReader r, Path dataDir) {
        Optional<String> url = r.optionalString("store.url");
        Optional<String> username = r.optionalString("store.username");
        Optional<String> password = r.optionalString("store.password");
        Optional<String> schema = r.optionalString("store.schema");
        int poolSize = r.integer("store.pool-size", 8, 1, 200);
        if (url.isEmpty()) {
            StoreSettings embedded = StoreSettings.embedded(dataDir);
            return new StoreSettings(embedded.url(), embedded.username(), embedded.password(), schema, poolSize);
        }
        try {
            DatabaseKind.of(url.get());
        } catch (IllegalArgumentException e) {
            r.problem("store.url", "must be a jdbc:h2:… or jdbc:postgresql://… URL");
            return StoreSettings.embedded(dataDir);
        }
        if (schema.isPresent() && !schema.get().matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            r.problem("store.schema", "must be a plain identifier (letters, digits, underscores)");
            schema = Optional.empty();
        }
        return new StoreSettings(url.get(), username, password, schema, poolSize);
    }

    /** {@code gateway.mode}, {@code security.master-key-file} and the {@code LLMGW_MASTER_KEY} variable. */
    static GatewayConfig.Secrets secrets(ConfigReader r, java.util.Map<String, String> env) {
        String mode = r.string("gateway.mode", "development").toLowerCase(java.util.Locale.ROOT);
        if (!mode.equals("development") && !mode.equals("production")) {
            r.problem("gateway.mode", "must be development or production, got '" + mode + "'");
        }
        Optional<String> key = Optional.ofNullable(env.get("LLMGW_MASTER_KEY")).map(String::trim)
                .filter(k -> !k.isEmpty());
        Optional<Path> file = r.optionalString("security.master-key-file").map(Path::of);
        return new GatewayConfig.Secrets(mode.equals("production"), key, file);
    }

    /** {@code tenancy.*}. */
    static TenancySettings tenancy(ConfigReader r) {
        TenancySettings d = TenancySettings.defaults();
        return new TenancySettings(
                r.duration("tenancy.session-ttl", d.sessionTtl()),
                r.integer("tenancy.max-failed-logins", d.maxFailedLogins(), 1, 100),
                r.duration("tenancy.lockout", d.lockout()),
                r.duration("tenancy.rotation-grace", d.rotationGrace()),
                r.duration("tenancy.invitation-ttl", d.invitationTtl()),
                r.duration("tenancy.cache-sync", d.cacheSync()));
    }
}
