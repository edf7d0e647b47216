package dev.llmgateway.router.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.llmgateway.core.auth.ClientIdentity;
import dev.llmgateway.router.config.GatewayConfig.Provider;
import dev.llmgateway.router.config.GatewayConfig.ProviderType;
import dev.llmgateway.router.route.PolicySettings;
import dev.llmgateway.security.keys.ApiKeys;
import dev.llmgateway.security.keys.KeyEntry;
import dev.llmgateway.store.StoreSettings;
import dev.llmgateway.tenancy.TenancySettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link GatewayConfig} from a YAML file (optional) and environment overrides, checking
 * every value and reporting all problems at once in a {@link ConfigException}.
 */
public final class ConfigLoader {

    private static final List<String> PROVIDER_FIELDS = List.of("type", "base-uri", "api-key", "models", "strategy");
    private static final List<String> ACCOUNT_FIELDS = List.of("name", "api-key", "proxy", "weight", "priority", "models",
            "max-concurrency", "requests-per-minute", "tokens-per-minute", "enabled");
    /** {@code org}: the organization the key is attributed to (its limits apply); the rest are the key's own rate limits. */
    private static final List<String> CLIENT_KEY_FIELDS = List.of("name", "hash", "key", "models", "org",
            "requests-per-minute", "tokens-per-minute", "max-concurrency");
    private static final List<String> STRATEGIES = List.of("round-robin", "weighted", "least-in-flight",
            "lowest-latency", "fill-first");
    private static final Map<String, String> DEFAULT_BASE_URIS = Map.of(
            "openai", "https://api.openai.com/v1",
            "openrouter", "https://openrouter.ai/api/v1",
            "anthropic", "https://api.anthropic.com/v1",
            "google", "https://generativelanguage.googleapis.com/v1beta",
            "gemini", "https://generativelanguage.googleapis.com/v1beta");
    /** The type a provider gets when its entry names none: from its usual name, else OPENAI. */
    private static final Map<String, String> DEFAULT_TYPES = Map.of(
            "anthropic", "ANTHROPIC", "google", "GEMINI", "gemini", "GEMINI");

    private ConfigLoader() {
    }

    /** Loads {@code file} (may be empty: defaults and environment only). */
    public static GatewayConfig load(Optional<Path> file, Map<String, String> env) {
        JsonNode root = null;
        if (file.isPresent()) {
            try {
                root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file.get()));
            } catch (JacksonException e) {
                throw new ConfigException(List.of(file.get() + ": not valid YAML: " + e.getOriginalMessage()));
            } catch (IOException e) {
                throw new ConfigException(List.of(file.get() + ": cannot be read: " + e.getMessage()));
            }
            if (root != null && !root.isObject() && !root.isMissingNode()) {
                throw new ConfigException(List.of(file.get() + ": the top level must be a map of settings"));
            }
        }
        return fromTree(root, env);
    }

    static GatewayConfig fromTree(JsonNode root, Map<String, String> env) {
        ConfigReader r = new ConfigReader(root, env);
        Path dataDir = Path.of(r.string("gateway.data-dir", "./data"));
        String logLevel = r.choice("gateway.log-level", LogLevel.class, LogLevel.INFO).name();
        boolean accessLog = r.bool("gateway.access-log", true);
        GatewayConfig.Server server = new GatewayConfig.Server(
                r.string("router.server.host", "0.0.0.0"),
                r.integer("router.server.port", 8080, 0, 65535),
                r.size("router.server.max-body-size", 10L * 1024 * 1024),
                r.strings("router.server.cors-allowed-origins", List.of("*")));
        GatewayConfig.Timeouts timeouts = new GatewayConfig.Timeouts(
                r.duration("router.timeouts.connect", Duration.ofSeconds(10)),
                r.duration("router.timeouts.first-byte", Duration.ofSeconds(60)),
                r.duration("router.timeouts.idle", Duration.ofSeconds(30)),
                r.duration("router.timeouts.total", Duration.ofSeconds(60)));
        GatewayConfig.Retry retry = new GatewayConfig.Retry(
                r.integer("router.retry.max-attempts", 3, 1, 10),
                r.duration("router.retry.initial-backoff", Duration.ofMillis(250)),
                r.duration("router.retry.max-backoff", Duration.ofSeconds(5)),
                r.duration("router.retry.max-retry-after", Duration.ofSeconds(10)));
        Map<String, Provider> providers = providers(r);
        Map<String, String> aliases = r.stringMap("router.aliases");
        Map<String, List<String>> fallbacks = r.listMap("router.fallbacks");
        GatewayConfig.Security security = security(r, root, env);
        GatewayConfig.Pool pool = pool(r);
        Map<String, PolicySettings> policies = PolicyConfig.read(r, providers, aliases);
        StoreSettings store = StoreConfig.store(r, dataDir);
        TenancySettings tenancy = StoreConfig.tenancy(r);
        GatewayConfig.Secrets secrets = StoreConfig.secrets(r, env);
        GatewayConfig.Accounts accounts = AccountsConfig.read(r);
        GatewayConfig.Cost cost = CostConfig.read(r, dataDir);
        r.reportUnknownKeys();
        checkAliases(r, aliases, providers);
        checkFallbacks(r, fallbacks, aliases, providers);
        if (!r.problems().isEmpty()) {
            throw new ConfigException(r.problems());
        }
        return new GatewayConfig(dataDir, logLevel, accessLog, server, timeouts, retry, providers, aliases, security,
                pool, policies, store, tenancy, secrets, accounts, cost, fallbacks);
    }

    /** Every model with fallbacks, and every fallback, must be an alias or a configured provider's model. */
    private static void checkFallbacks(ConfigReader r, Map<String, List<String>> fallbacks, Map<String, String> aliases,
                                       Map<String, Provider> providers) {
        fallbacks.forEach((model, list) -> {
            List<String> all = new java.util.ArrayList<>(list);
            all.add(0, model);
            for (String m : all) {
                int slash = m.indexOf('/');
                boolean known = aliases.containsKey(m) || (slash > 0 && providers.containsKey(m.substring(0, slash))
                        && slash < m.length() - 1);
                if (!known) {
                    r.problem("router.fallbacks." + model, "'" + m + "' is neither an alias nor provider/model of a "
                            + "configured provider");
                }
            }
            if (list.isEmpty()) {
                r.problem("router.fallbacks." + model, "needs at least one fallback model");
            }
        });
    }

    private static ProviderType defaultType(String providerName) {
        String wanted = DEFAULT_TYPES.getOrDefault(providerName, ProviderType.OPENAI.name());
        for (ProviderType t : ProviderType.values()) {
            if (t.name().equals(wanted)) {
                return t;
            }
        }
        return ProviderType.OPENAI;
    }

    /** The levels {@code gateway.log-level} accepts (java.util.logging names). */
    enum LogLevel { SEVERE, WARNING, INFO, FINE, FINER, FINEST }

    private static Map<String, Provider> providers(ConfigReader r) {
        Map<String, Provider> providers = new LinkedHashMap<>();
        for (String name : r.mapNames("router.providers", PROVIDER_FIELDS)) {
            String p = "router.providers." + name;
            if (!name.matches("[a-z0-9][a-z0-9-]*")) {
                r.problem(p, "a provider name must be lower-case letters, digits and dashes");
                r.ignore(p);
                continue;
            }
            ProviderType type = r.choice(p + ".type", ProviderType.class, defaultType(name));
            boolean baseUriGiven = r.raw(p + ".base-uri").isPresent();
            Optional<URI> baseUri = r.uri(p + ".base-uri");
            Optional<Secret> apiKey = r.optionalString(p + ".api-key").map(Secret::new);
            List<String> models = r.strings(p + ".models", List.of());
            Map<String, String> headers = r.stringMap(p + ".headers");
            if (!baseUriGiven && DEFAULT_BASE_URIS.containsKey(name)) {
                baseUri = Optional.of(URI.create(DEFAULT_BASE_URIS.get(name)));
            }
            if (baseUri.isEmpty()) {
                if (!baseUriGiven) {
                    r.problem(p + ".base-uri", "is required for provider '" + name + "'");
                }
                continue;
            }
            List<GatewayConfig.AccountSettings> accounts = accounts(r, p, models);
            String strategy = r.string(p + ".strategy", "round-robin");
            if (!STRATEGIES.contains(strategy)) {
                r.problem(p + ".strategy", "must be one of " + STRATEGIES + ", got '" + strategy + "'");
            }
            providers.put(name, new Provider(name, type, baseUri.get(), apiKey, models, headers, accounts, strategy));
        }
        return providers;
    }

    private static List<GatewayConfig.AccountSettings> accounts(ConfigReader r, String p, List<String> providerModels) {
        List<GatewayConfig.AccountSettings> out = new ArrayList<>();
        List<JsonNode> items = r.objects(p + ".accounts");
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String ap = p + ".accounts[" + i + "]";
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                r.problem(ap, "must be a map with at least a name");
                continue;
            }
            item.fieldNames().forEachRemaining(f -> {
                if (!ACCOUNT_FIELDS.contains(f)) {
                    r.problem(ap + "." + f, "unknown key (expected one of " + ACCOUNT_FIELDS + ")");
                }
            });
            String name = item.path("name").asText("").trim();
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                r.problem(ap + ".name", "is required: letters, digits, dots, dashes and underscores");
                continue;
            }
            if (!names.add(name)) {
                r.problem(ap + ".name", "'" + name + "' is used twice");
                continue;
            }
            List<String> models = new ArrayList<>();
            item.path("models").forEach(m -> models.add(m.asText()));
            for (String m : models) {
                if (!providerModels.isEmpty() && !providerModels.contains(m)) {
                    r.problem(ap + ".models", "'" + m + "' is not one of the provider's models " + providerModels);
                }
            }
            String key = item.path("api-key").asText("").trim();
            out.add(new GatewayConfig.AccountSettings(name, key.isEmpty() ? Optional.empty() : Optional.of(new Secret(key)),
                    positive(r, item, ap, "weight", 1, 1), positive(r, item, ap, "priority", 0, 0), models,
                    positive(r, item, ap, "max-concurrency", 0, 0), positive(r, item, ap, "requests-per-minute", 0, 0),
                    positive(r, item, ap, "tokens-per-minute", 0, 0), item.path("enabled").asBoolean(true),
                    EgressProxy.read(r, ap + ".proxy", item.path("proxy").asText(""))));
        }
        return out;
    }

    private static long positiveLong(ConfigReader r, JsonNode item, String path, String field) {
        JsonNode n = item.get(field);
        if (n == null || n.isNull()) {
            return 0;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
            r.problem(path + "." + field, "must be a whole number of at least 0, got '" + n.asText() + "'");
            return 0;
        }
        return n.longValue();
    }

    private static int positive(ConfigReader r, JsonNode item, String path, String field, int fallback, int min) {
        JsonNode n = item.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.intValue() < min) {
            r.problem(path + "." + field, "must be a whole number of at least " + min + ", got '" + n.asText() + "'");
            return fallback;
        }
        return n.intValue();
    }

    private static GatewayConfig.Pool pool(ConfigReader r) {
        GatewayConfig.Pool d = GatewayConfig.Pool.defaults();
        return new GatewayConfig.Pool(
                r.integer("router.pool.failure-threshold", d.failureThreshold(), 1, 1000),
                r.duration("router.pool.failure-window", d.failureWindow()),
                r.duration("router.pool.open-duration", d.openDuration()),
                r.duration("router.pool.base-cooldown", d.baseCooldown()),
                r.duration("router.pool.max-cooldown", d.maxCooldown()),
                r.duration("router.pool.affinity-ttl", d.affinityTtl()),
                r.duration("router.pool.probe-interval", d.probeInterval()));
    }

    private static GatewayConfig.Security security(ConfigReader r, JsonNode root, Map<String, String> env) {
        Optional<String> adminHash = r.optionalString("security.admin-key-hash");
        Optional<String> adminKey = r.optionalString("security.admin-key")
                .or(() -> Optional.ofNullable(env.get("LLMGW_ADMIN_KEY")).filter(s -> !s.isBlank()));
        if (adminHash.isPresent()) {
            checkHash(r, "security.admin-key-hash", adminHash.get());
        } else if (adminKey.isPresent()) {
            adminHash = Optional.of(ApiKeys.hash(adminKey.get()));
        }
        List<KeyEntry> keys = new ArrayList<>();
        List<JsonNode> items = r.objects("security.client-keys");
        for (int i = 0; i < items.size(); i++) {
            String p = "security.client-keys[" + i + "]";
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                r.problem(p, "must be a map with name, hash (or key) and optional models, org and rate limits");
                continue;
            }
            item.fieldNames().forEachRemaining(f -> {
                if (!CLIENT_KEY_FIELDS.contains(f)) {
                    r.problem(p + "." + f, "unknown key (expected one of " + CLIENT_KEY_FIELDS + ")");
                }
            });
            String name = item.path("name").asText("").trim();
            if (name.isEmpty()) {
                r.problem(p + ".name", "is required");
                continue;
            }
            List<String> models = new ArrayList<>();
            item.path("models").forEach(m -> models.add(m.asText()));
            String hash = item.path("hash").asText("").trim();
            String key = item.path("key").asText("").trim();
            KeyEntry entry = null;
            if (!hash.isEmpty() && checkHash(r, p + ".hash", hash)) {
                entry = new KeyEntry(name, hash, "key:" + name, models);
            } else if (hash.isEmpty() && !key.isEmpty()) {
                entry = KeyEntry.fromPlainKey(name, key, models);
            } else if (hash.isEmpty()) {
                r.problem(p, "needs 'hash' (sha256:<hex>, from `llm-gateway hash-key`) or 'key'");
            }
            String org = item.path("org").asText("").trim();
            if (!org.isEmpty() && !org.matches("[A-Za-z0-9_.-]{1,40}")) {
                r.problem(p + ".org", "must be an organization id (up to 40 letters, digits, '_', '.', '-'), got '"
                        + org + "'");
            }
            if (entry != null) {
                keys.add(entry.inOrg(org).withLimits(new ClientIdentity.RateLimits(
                        positive(r, item, p, "requests-per-minute", 0, 0), positiveLong(r, item, p, "tokens-per-minute"),
                        positive(r, item, p, "max-concurrency", 0, 0))));
            }
        }
        return new GatewayConfig.Security(adminHash, keys);
    }

    private static boolean checkHash(ConfigReader r, String path, String hash) {
        if (!hash.matches("sha256:[0-9a-f]{64}")) {
            r.problem(path, "must look like sha256:<64 lower-case hex digits>");
            return false;
        }
        return true;
    }

    private static void checkAliases(ConfigReader r, Map<String, String> aliases, Map<String, Provider> providers) {
        aliases.forEach((alias, target) -> {
            int slash = target.indexOf('/');
            if (slash <= 0 || !providers.containsKey(target.substring(0, slash))) {
                r.problem("router.aliases." + alias,
                        "must name a configured provider as provider/model, got '" + target + "'");
            }
        });
    }
}
