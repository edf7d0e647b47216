package dev.llmgateway.router.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.llmgateway.router.config.GatewayConfig.Provider;
import dev.llmgateway.router.config.GatewayConfig.ProviderType;
import dev.llmgateway.security.keys.ApiKeys;
import dev.llmgateway.security.keys.KeyEntry;
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

    private static final List<String> PROVIDER_FIELDS = List.of("type", "base-uri", "api-key", "models");
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
        GatewayConfig.Security security = security(r, root, env);
        r.reportUnknownKeys();
        checkAliases(r, aliases, providers);
        if (!r.problems().isEmpty()) {
            throw new ConfigException(r.problems());
        }
        return new GatewayConfig(dataDir, logLevel, accessLog, server, timeouts, retry, providers, aliases, security);
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
            providers.put(name, new Provider(name, type, baseUri.get(), apiKey, models, headers));
        }
        return providers;
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
                r.problem(p, "must be a map with name, hash (or key) and optional models");
                continue;
            }
            item.fieldNames().forEachRemaining(f -> {
                if (!List.of("name", "hash", "key", "models").contains(f)) {
                    r.problem(p + "." + f, "unknown key (expected name, hash, key, models)");
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
            if (!hash.isEmpty() && checkHash(r, p + ".hash", hash)) {
                keys.add(new KeyEntry(name, hash, "key:" + name, models));
            } else if (hash.isEmpty() && !key.isEmpty()) {
                keys.add(KeyEntry.fromPlainKey(name, key, models));
            } else if (hash.isEmpty()) {
                r.problem(p, "needs 'hash' (sha256:<hex>, from `llm-gateway hash-key`) or 'key'");
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
