package dev.llmgateway.router.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.llmgateway.security.keys.ApiKeys;
import dev.llmgateway.security.keys.KeyEntry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String HASH = "sha256:" + "ab".repeat(32);

    private static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static GatewayConfig load(String text, Map<String, String> env) {
        return ConfigLoader.fromTree(yaml(text), env);
    }

    private static GatewayConfig load(String text) {
        return load(text, Map.of());
    }

    private static List<String> problems(String text, Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> load(text, env)).problems();
    }

    private static List<String> problems(String text) {
        return problems(text, Map.of());
    }

    /** At least the first problem is about {@code key} and mentions every fragment. */
    private static void assertFirstProblem(List<String> problems, String key, String... fragments) {
        assertFalse(problems.isEmpty());
        String p = problems.get(0);
        assertTrue(p.startsWith(key + ":"), p);
        for (String f : fragments) {
            assertTrue(p.contains(f), "'" + f + "' not in: " + p);
        }
        for (String other : problems) {
            assertTrue(other.startsWith(key + ":"), "unrelated problem: " + other);
        }
    }

    private static void assertOneProblem(List<String> problems, String key, String... fragments) {
        assertEquals(1, problems.size(), problems.toString());
        String p = problems.get(0);
        assertTrue(p.startsWith(key + ":"), p);
        for (String f : fragments) {
            assertTrue(p.contains(f), "'" + f + "' not in: " + p);
        }
    }

    // --- defaults -------------------------------------------------------------------------

    @Test
    void fromTree_nullTree_givesDefaultsAndEnv() {
        GatewayConfig c = ConfigLoader.fromTree(null, Map.of("LLMGW_ROUTER_SERVER_PORT", "9999"));
        assertEquals(9999, c.server().port());
        assertEquals(Duration.ofSeconds(60), c.timeouts().total());
    }

    @Test
    void fromTree_emptyTreeAndNoEnv_givesDefaults() {
        GatewayConfig c = ConfigLoader.fromTree(yaml("{}"), Map.of());
        assertEquals(Path.of("./data"), c.dataDir());
        assertEquals("INFO", c.logLevel());
        assertTrue(c.accessLog());
        assertEquals(new GatewayConfig.Server("0.0.0.0", 8080, 10L * 1024 * 1024, List.of("*")), c.server());
        assertEquals(new GatewayConfig.Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60),
                Duration.ofSeconds(30), Duration.ofSeconds(60)), c.timeouts());
        assertEquals(new GatewayConfig.Retry(3, Duration.ofMillis(250), Duration.ofSeconds(5),
                Duration.ofSeconds(10)), c.retry());
        assertTrue(c.providers().isEmpty());
        assertTrue(c.aliases().isEmpty());
        assertEquals(Optional.empty(), c.security().adminKeyHash());
        assertTrue(c.security().clientKeys().isEmpty());
    }

    @Test
    void load_noFile_givesDefaults() {
        GatewayConfig c = ConfigLoader.load(Optional.empty(), Map.of());
        assertEquals(8080, c.server().port());
        assertTrue(c.providers().isEmpty());
    }

    @Test
    void load_emptyFile_givesDefaults(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("empty.yaml");
        Files.writeString(file, "");
        GatewayConfig c = ConfigLoader.load(Optional.of(file), Map.of());
        assertEquals(8080, c.server().port());
        assertEquals(Duration.ofSeconds(60), c.timeouts().total());
    }

    // --- values from YAML ----------------------------------------------------------------

    @Test
    void fromTree_yamlValues_areRead() {
        GatewayConfig c = load("""
                gateway:
                  data-dir: /var/lib/gw
                  log-level: fine
                  access-log: "off"
                router:
                  server:
                    host: 127.0.0.1
                    port: 9090
                    max-body-size: 2MiB
                    cors-allowed-origins: [https://a.example, https://b.example]
                  timeouts:
                    connect: 500ms
                    first-byte: 2m
                    idle: 15s
                    total: 1h
                  retry:
                    max-attempts: 5
                    initial-backoff: 100ms
                    max-backoff: 3s
                    max-retry-after: 20s
                """);
        assertEquals(Path.of("/var/lib/gw"), c.dataDir());
        assertEquals("FINE", c.logLevel());
        assertFalse(c.accessLog());
        assertEquals(new GatewayConfig.Server("127.0.0.1", 9090, 2L * 1024 * 1024,
                List.of("https://a.example", "https://b.example")), c.server());
        assertEquals(new GatewayConfig.Timeouts(Duration.ofMillis(500), Duration.ofMinutes(2),
                Duration.ofSeconds(15), Duration.ofHours(1)), c.timeouts());
        assertEquals(new GatewayConfig.Retry(5, Duration.ofMillis(100), Duration.ofSeconds(3),
                Duration.ofSeconds(20)), c.retry());
    }

    @Test
    void fromTree_sizeUnits_areConverted() {
        assertEquals(1000, load("router: {server: {max-body-size: 1KB}}").server().maxBodyBytes());
        assertEquals(1024, load("router: {server: {max-body-size: 1KiB}}").server().maxBodyBytes());
        assertEquals(5_000_000, load("router: {server: {max-body-size: 5MB}}").server().maxBodyBytes());
        assertEquals(3L * 1024 * 1024 * 1024, load("router: {server: {max-body-size: 3GiB}}").server().maxBodyBytes());
        assertEquals(4096, load("router: {server: {max-body-size: 4096}}").server().maxBodyBytes());
    }

    @Test
    void fromTree_corsOriginsAsCommaSeparatedText_isSplit() {
        assertEquals(List.of("https://a", "https://b"),
                load("router: {server: {cors-allowed-origins: 'https://a, https://b'}}").server().corsAllowedOrigins());
    }

    @Test
    void fromTree_providersAndAliases_areRead() {
        GatewayConfig c = load("""
                router:
                  providers:
                    openai:
                      api-key: sk-test-123
                      models: [gpt-4o, gpt-4o-mini]
                    local:
                      type: openai
                      base-uri: http://localhost:11434/v1
                      headers:
                        X-Title: gateway
                  aliases:
                    fast: openai/gpt-4o-mini
                """);
        GatewayConfig.Provider openai = c.providers().get("openai");
        assertEquals(URI.create("https://api.openai.com/v1"), openai.baseUri());
        assertEquals(GatewayConfig.ProviderType.OPENAI, openai.type());
        assertEquals("sk-test-123", openai.apiKey().orElseThrow().value());
        assertEquals(List.of("gpt-4o", "gpt-4o-mini"), openai.models());
        GatewayConfig.Provider local = c.providers().get("local");
        assertEquals(URI.create("http://localhost:11434/v1"), local.baseUri());
        assertEquals(Optional.empty(), local.apiKey());
        assertEquals(List.of(), local.models());
        assertEquals(Map.of("X-Title", "gateway"), local.headers());
        assertEquals(Map.of("fast", "openai/gpt-4o-mini"), c.aliases());
    }

    @Test
    void fromTree_openrouterWithoutBaseUri_getsItsDefault() {
        GatewayConfig c = load("router: {providers: {openrouter: {api-key: k}}}");
        assertEquals(URI.create("https://openrouter.ai/api/v1"), c.providers().get("openrouter").baseUri());
    }

    // --- environment overrides ------------------------------------------------------------

    @Test
    void fromTree_envOverridesFileValues() {
        GatewayConfig c = load("router: {server: {port: 9090}, timeouts: {total: 30s}}",
                Map.of("LLMGW_ROUTER_SERVER_PORT", "9999", "LLMGW_ROUTER_TIMEOUTS_TOTAL", "5s"));
        assertEquals(9999, c.server().port());
        assertEquals(Duration.ofSeconds(5), c.timeouts().total());
    }

    @Test
    void fromTree_envWithoutFile_setsValues() {
        GatewayConfig c = ConfigLoader.fromTree(yaml("{}"), Map.of(
                "LLMGW_ROUTER_SERVER_PORT", " 9999 ",
                "LLMGW_GATEWAY_ACCESS_LOG", "false",
                "LLMGW_ROUTER_RETRY_MAX_ATTEMPTS", "1",
                "LLMGW_ROUTER_SERVER_MAX_BODY_SIZE", "512KiB"));
        assertEquals(9999, c.server().port());
        assertFalse(c.accessLog());
        assertEquals(1, c.retry().maxAttempts());
        assertEquals(512 * 1024, c.server().maxBodyBytes());
    }

    @Test
    void fromTree_listFromEnv_isSplitOnCommas() {
        GatewayConfig c = load("router: {server: {cors-allowed-origins: [https://file]}}",
                Map.of("LLMGW_ROUTER_SERVER_CORS_ALLOWED_ORIGINS", "https://a.example, https://b.example,,"));
        assertEquals(List.of("https://a.example", "https://b.example"), c.server().corsAllowedOrigins());
    }

    @Test
    void fromTree_providerOnlyInEnv_getsDefaultBaseUriAndKey() {
        GatewayConfig c = ConfigLoader.fromTree(yaml("{}"), Map.of("LLMGW_ROUTER_PROVIDERS_OPENAI_API_KEY", "sk-env-key"));
        GatewayConfig.Provider openai = c.providers().get("openai");
        assertEquals("openai", openai.name());
        assertEquals(URI.create("https://api.openai.com/v1"), openai.baseUri());
        assertEquals("sk-env-key", openai.apiKey().orElseThrow().value());
        assertEquals(1, c.providers().size());
    }

    @Test
    void fromTree_customProviderOnlyInEnvWithBaseUri_isDefined() {
        GatewayConfig c = ConfigLoader.fromTree(yaml("{}"), Map.of(
                "LLMGW_ROUTER_PROVIDERS_MY_LOCAL_BASE_URI", "http://localhost:8000/v1",
                "LLMGW_ROUTER_PROVIDERS_MY_LOCAL_MODELS", "llama3,qwen"));
        GatewayConfig.Provider p = c.providers().get("my-local");
        assertEquals(URI.create("http://localhost:8000/v1"), p.baseUri());
        assertEquals(List.of("llama3", "qwen"), p.models());
        assertEquals(Optional.empty(), p.apiKey());
    }

    @Test
    void fromTree_customProviderOnlyInEnvWithoutBaseUri_isAProblem() {
        List<String> problems = problems("{}", Map.of("LLMGW_ROUTER_PROVIDERS_MYLOCAL_API_KEY", "k"));
        assertOneProblem(problems, "router.providers.mylocal.base-uri", "required");
    }

    @Test
    void fromTree_envOverridesProviderFieldInFile_keepsOneProvider() {
        GatewayConfig c = load("router: {providers: {openai: {api-key: from-file, models: [a]}}}",
                Map.of("LLMGW_ROUTER_PROVIDERS_OPENAI_API_KEY", "from-env"));
        assertEquals(1, c.providers().size());
        assertEquals("from-env", c.providers().get("openai").apiKey().orElseThrow().value());
        assertEquals(List.of("a"), c.providers().get("openai").models());
    }

    @Test
    void fromTree_aliasFromEnv_isAdded() {
        GatewayConfig c = load("router: {providers: {openai: {api-key: k}}}",
                Map.of("LLMGW_ROUTER_ALIASES_SMART", "openai/gpt-4o"));
        assertEquals(Map.of("smart", "openai/gpt-4o"), c.aliases());
    }

    @Test
    void fromTree_unrelatedEnvVariables_areIgnored() {
        GatewayConfig c = ConfigLoader.fromTree(yaml("{}"), Map.of("PATH", "/usr/bin", "HOME", "/root",
                "LLMGW_SOMETHING_ELSE", "x"));
        assertEquals(8080, c.server().port());
    }

    // --- problems ---------------------------------------------------------------------------

    @Test
    void fromTree_misspelledKey_isReportedWithSuggestion() {
        List<String> problems = problems("router: {server: {prot: 9090}}");
        assertOneProblem(problems, "router.server.prot", "unknown key", "did you mean 'router.server.port'");
    }

    @Test
    void fromTree_unknownKeyFarFromAnyKnown_isReportedWithoutSuggestion() {
        List<String> problems = problems("completely-unrelated-section: {x: 1}");
        assertOneProblem(problems, "completely-unrelated-section", "unknown key");
        assertFalse(problems.get(0).contains("did you mean"), problems.get(0));
    }

    @Test
    void fromTree_unknownProviderField_isReported() {
        List<String> problems = problems("router: {providers: {openai: {api-key: k, base-url: http://x}}}");
        assertOneProblem(problems, "router.providers.openai.base-url", "unknown key",
                "router.providers.openai.base-uri");
    }

    @Test
    void fromTree_portNotANumber_namesTheKey() {
        assertOneProblem(problems("router: {server: {port: abc}}"), "router.server.port", "whole number", "abc");
    }

    @Test
    void fromTree_portOutOfRange_namesTheKeyAndRange() {
        assertOneProblem(problems("router: {server: {port: 70000}}"), "router.server.port", "0 to 65535", "70000");
    }

    @Test
    void fromTree_badPortFromEnv_namesTheKey() {
        assertOneProblem(problems("{}", Map.of("LLMGW_ROUTER_SERVER_PORT", "abc")), "router.server.port", "abc");
    }

    @Test
    void fromTree_badDuration_namesTheKey() {
        assertOneProblem(problems("router: {timeouts: {total: 5 parsecs}}"), "router.timeouts.total",
                "duration", "5 parsecs");
    }

    @Test
    void fromTree_zeroDuration_isAProblem() {
        assertOneProblem(problems("router: {timeouts: {idle: 0s}}"), "router.timeouts.idle", "longer than zero");
    }

    @Test
    void fromTree_badSize_namesTheKey() {
        assertOneProblem(problems("router: {server: {max-body-size: lots}}"), "router.server.max-body-size",
                "size", "lots");
    }

    @Test
    void fromTree_zeroSize_isAProblem() {
        assertOneProblem(problems("router: {server: {max-body-size: 0}}"), "router.server.max-body-size",
                "larger than zero");
    }

    @Test
    void fromTree_baseUriWithOtherScheme_namesTheKey() {
        assertFirstProblem(problems("router: {providers: {local: {base-uri: 'ftp://x'}}}"),
                "router.providers.local.base-uri", "http", "ftp://x");
    }

    @Test
    void fromTree_baseUriNotAUrl_namesTheKey() {
        assertFirstProblem(problems("router: {providers: {local: {base-uri: 'http://exa mple'}}}"),
                "router.providers.local.base-uri", "not a valid URL", "http://exa mple");
    }

    @Test
    void fromTree_badBoolean_namesTheKey() {
        assertOneProblem(problems("gateway: {access-log: maybe}"), "gateway.access-log", "true or false", "maybe");
    }

    @Test
    void fromTree_badLogLevel_listsChoices() {
        assertOneProblem(problems("gateway: {log-level: loud}"), "gateway.log-level", "info", "loud");
    }

    @Test
    void fromTree_badProviderType_listsChoices() {
        assertOneProblem(problems("router: {providers: {openai: {type: soap}}}"), "router.providers.openai.type",
                "openai", "soap");
    }

    @Test
    void fromTree_badProviderName_isAProblem() {
        assertOneProblem(problems("router: {providers: {My_Provider: {base-uri: 'http://x'}}}"),
                "router.providers.My_Provider", "lower-case");
    }

    @Test
    void fromTree_mapWhereValueExpected_isAProblem() {
        assertOneProblem(problems("router: {server: {port: {value: 1}}}"), "router.server.port", "single value");
    }

    @Test
    void fromTree_twoBadKeys_bothReported() {
        List<String> problems = problems("router: {server: {port: abc}, timeouts: {total: 5 parsecs}}");
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("router.server.port:")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("router.timeouts.total:")), problems.toString());
    }

    @Test
    void fromTree_badValueAndUnknownKeyAndBadAlias_allReportedInOneException() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("""
                router:
                  server: {port: abc, prot: 1}
                  aliases: {fast: nowhere/model}
                """));
        assertEquals(3, e.problems().size(), e.problems().toString());
        for (String p : e.problems()) {
            assertTrue(e.getMessage().contains(p), e.getMessage());
        }
    }

    @Test
    void fromTree_aliasToUnknownProvider_isAProblem() {
        assertOneProblem(problems("router: {providers: {openai: {api-key: k}}, aliases: {fast: anthropic/claude}}"),
                "router.aliases.fast", "anthropic/claude");
    }

    @Test
    void fromTree_aliasWithoutProviderPrefix_isAProblem() {
        assertOneProblem(problems("router: {providers: {openai: {api-key: k}}, aliases: {fast: gpt-4o}}"),
                "router.aliases.fast", "provider/model");
    }

    // --- security ----------------------------------------------------------------------------

    @Test
    void fromTree_clientKeyWithHash_keepsHashAndModels() {
        GatewayConfig c = load("""
                security:
                  client-keys:
                    - name: team-a
                      hash: %s
                      models: [openai/*]
                """.formatted(HASH));
        KeyEntry k = c.security().clientKeys().get(0);
        assertEquals("team-a", k.name());
        assertEquals(HASH, k.hash());
        assertEquals(List.of("openai/*"), k.allowedModels());
        assertFalse(k.publicId().isEmpty());
    }

    @Test
    void fromTree_clientKeyWithPlainKey_storesOnlyItsHash() {
        GatewayConfig c = load("security: {client-keys: [{name: demo, key: lgw_plainkey1234567890}]}");
        KeyEntry k = c.security().clientKeys().get(0);
        assertEquals(ApiKeys.hash("lgw_plainkey1234567890"), k.hash());
        assertEquals(List.of(), k.allowedModels());
        assertFalse(k.toString().contains("lgw_plainkey1234567890"), k.toString());
    }

    @Test
    void fromTree_clientKeyWithOrgAndRateLimits_keepsThem() {
        GatewayConfig c = load("""
                security:
                  client-keys:
                    - {name: a, key: lgw_plainkey1234567890, org: org_x, requests-per-minute: 60,
                       tokens-per-minute: 5000000000, max-concurrency: 4}
                    - {name: b, key: lgw_plainkey0987654321}
                """);
        KeyEntry a = c.security().clientKeys().get(0);
        assertEquals("org_x", a.orgId());
        assertEquals(new dev.llmgateway.core.auth.ClientIdentity.RateLimits(60, 5_000_000_000L, 4), a.limits());
        KeyEntry b = c.security().clientKeys().get(1);
        assertEquals("", b.orgId());
        assertEquals(dev.llmgateway.core.auth.ClientIdentity.RateLimits.NONE, b.limits());
    }

    @Test
    void fromTree_clientKeyWithBadOrgOrLimit_isAProblem() {
        assertOneProblem(problems("security: {client-keys: [{name: a, key: lgw_plainkey1234567890, org: 'org x'}]}"),
                "security.client-keys[0].org", "organization id");
        assertOneProblem(problems("security: {client-keys: [{name: a, key: lgw_plainkey1234567890, "
                + "requests-per-minute: -1}]}"), "security.client-keys[0].requests-per-minute", "whole number");
    }

    @Test
    void fromTree_clientKeyWithNeitherHashNorKey_isAProblem() {
        assertOneProblem(problems("security: {client-keys: [{name: demo}]}"), "security.client-keys[0]",
                "hash");
    }

    @Test
    void fromTree_clientKeyWithMalformedHash_isAProblem() {
        assertOneProblem(problems("security: {client-keys: [{name: a, hash: 'sha256:XYZ'}]}"),
                "security.client-keys[0].hash", "sha256:");
    }

    @Test
    void fromTree_clientKeyWithoutName_isAProblem() {
        assertOneProblem(problems("security: {client-keys: [{key: abc}]}"), "security.client-keys[0].name",
                "required");
    }

    @Test
    void fromTree_clientKeyWithUnknownField_isAProblem() {
        assertOneProblem(problems("security: {client-keys: [{name: a, key: abc, modles: [x]}]}"),
                "security.client-keys[0].modles", "unknown key");
    }

    @Test
    void fromTree_clientKeyNotAMap_isAProblem() {
        assertOneProblem(problems("security: {client-keys: [just-a-string]}"), "security.client-keys[0]", "map");
    }

    @Test
    void fromTree_clientKeysNotAList_isAProblem() {
        assertOneProblem(problems("security: {client-keys: {name: a}}"), "security.client-keys", "list");
    }

    @Test
    void fromTree_secondClientKeyBad_namesItsIndex() {
        assertOneProblem(problems("security: {client-keys: [{name: a, key: k1}, {name: b, hash: nope}]}"),
                "security.client-keys[1].hash");
    }

    @Test
    void fromTree_adminKeyEnv_setsAdminHash() {
        GatewayConfig c = ConfigLoader.fromTree(yaml("{}"), Map.of("LLMGW_ADMIN_KEY", "admin-secret"));
        assertEquals(Optional.of(ApiKeys.hash("admin-secret")), c.security().adminKeyHash());
    }

    @Test
    void fromTree_blankAdminKeyEnv_leavesAdminHashEmpty() {
        GatewayConfig c = ConfigLoader.fromTree(yaml("{}"), Map.of("LLMGW_ADMIN_KEY", "  "));
        assertEquals(Optional.empty(), c.security().adminKeyHash());
    }

    @Test
    void fromTree_adminKeyInFile_setsAdminHash() {
        GatewayConfig c = load("security: {admin-key: file-secret}");
        assertEquals(Optional.of(ApiKeys.hash("file-secret")), c.security().adminKeyHash());
    }

    @Test
    void fromTree_adminKeyHashInFile_winsOverAdminKey() {
        GatewayConfig c = load("security: {admin-key-hash: '%s'}".formatted(HASH),
                Map.of("LLMGW_ADMIN_KEY", "ignored"));
        assertEquals(Optional.of(HASH), c.security().adminKeyHash());
    }

    @Test
    void fromTree_malformedAdminKeyHash_isAProblem() {
        assertOneProblem(problems("security: {admin-key-hash: md5:abc}"), "security.admin-key-hash", "sha256:");
    }

    // --- files ---------------------------------------------------------------------------------

    @Test
    void load_yamlFile_isRead(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, "router:\n  server:\n    port: 7070\n", StandardCharsets.UTF_8);
        GatewayConfig c = ConfigLoader.load(Optional.of(file), Map.of("LLMGW_ROUTER_TIMEOUTS_IDLE", "2m"));
        assertEquals(7070, c.server().port());
        assertEquals(Duration.ofMinutes(2), c.timeouts().idle());
    }

    @Test
    void load_invalidYaml_throwsMentioningTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "router:\n  server: [unclosed\n    port: : :\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.of(file), Map.of()));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).contains(file.toString()), e.problems().get(0));
        assertTrue(e.problems().get(0).contains("not valid YAML"), e.problems().get(0));
    }

    @Test
    void load_missingFile_throwsMentioningTheFile(@TempDir Path dir) {
        Path file = dir.resolve("absent.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.of(file), Map.of()));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
    }

    @Test
    void load_topLevelList_isAProblem(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("list.yaml");
        Files.writeString(file, "- a\n- b\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.of(file), Map.of()));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("top level"), e.getMessage());
    }

    // --- secrets -----------------------------------------------------------------------------

    @Test
    void secretToString_neverPrintsTheValue() {
        Secret s = new Secret("sk-very-secret-value");
        assertEquals("****", s.toString());
        assertEquals("sk-very-secret-value", s.value());
    }

    @Test
    void providerToString_doesNotContainTheApiKey() {
        GatewayConfig c = ConfigLoader.fromTree(yaml("{}"), Map.of("LLMGW_ROUTER_PROVIDERS_OPENAI_API_KEY",
                "sk-very-secret-value"));
        assertFalse(c.providers().get("openai").toString().contains("sk-very-secret-value"),
                c.providers().get("openai").toString());
        assertFalse(c.toString().contains("sk-very-secret-value"), c.toString());
    }

    @Test
    void configToString_doesNotContainPlainClientOrAdminKey() {
        GatewayConfig c = load("security: {admin-key: admin-plain-secret, client-keys: [{name: a, key: lgw_client_plain_secret}]}");
        assertFalse(c.toString().contains("admin-plain-secret"), c.toString());
        assertFalse(c.toString().contains("lgw_client_plain_secret"), c.toString());
    }

    @Test
    void envName_mapsDotsAndDashesToUnderscores() {
        assertEquals("LLMGW_ROUTER_SERVER_MAX_BODY_SIZE", ConfigReader.envName("router.server.max-body-size"));
    }

    @Test
    void fromTree_providerHeaderFromEnv_isAddedToThatProvider() {
        GatewayConfig c = load("router: {providers: {openai: {api-key: k}}}",
                Map.of("LLMGW_ROUTER_PROVIDERS_OPENAI_HEADERS_X_TITLE", "my-app"));
        assertEquals(Map.of("x-title", "my-app"), c.providers().get("openai").headers());
    }

    @Test
    void fromTree_providerHeaderFromEnvEndingLikeAProviderField_doesNotCreateAProvider() {
        GatewayConfig c = load("router: {providers: {openai: {api-key: k}}}",
                Map.of("LLMGW_ROUTER_PROVIDERS_OPENAI_HEADERS_X_API_KEY", "extra"));
        assertEquals(List.of("openai"), List.copyOf(c.providers().keySet()));
        assertEquals(Map.of("x-api-key", "extra"), c.providers().get("openai").headers());
    }
}
