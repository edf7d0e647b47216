package dev.llmgateway.router.config;

import dev.llmgateway.router.route.PolicySettings;
import dev.llmgateway.security.keys.KeyEntry;
import dev.llmgateway.store.StoreSettings;
import dev.llmgateway.tenancy.TenancySettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole validated configuration. Built by {@link ConfigLoader}; immutable. The defaults and the
 * meaning of every key are in docs/configuration.md.
 */
public record GatewayConfig(Path dataDir, String logLevel, boolean accessLog, Server server, Timeouts timeouts, Retry retry,
                            Map<String, Provider> providers, Map<String, String> aliases, Security security,
                            Pool pool, Map<String, PolicySettings> policies, StoreSettings store,
                            TenancySettings tenancy, Secrets secrets, Accounts accounts, Cost cost,
                            Map<String, List<String>> fallbacks) {

    public GatewayConfig {
        // configuration order matters: a bare model name resolves to the first provider listing it
        providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
        aliases = Collections.unmodifiableMap(new LinkedHashMap<>(aliases));
        policies = Collections.unmodifiableMap(new LinkedHashMap<>(policies));
        fallbacks = Collections.unmodifiableMap(new LinkedHashMap<>(fallbacks));
    }

    /** A configuration without {@code router.fallbacks}. */
    public GatewayConfig(Path dataDir, String logLevel, boolean accessLog, Server server, Timeouts timeouts,
                         Retry retry, Map<String, Provider> providers, Map<String, String> aliases, Security security,
                         Pool pool, Map<String, PolicySettings> policies, StoreSettings store, TenancySettings tenancy,
                         Secrets secrets, Accounts accounts, Cost cost) {
        this(dataDir, logLevel, accessLog, server, timeouts, retry, providers, aliases, security, pool, policies,
                store, tenancy, secrets, accounts, cost, Map.of());
    }

    /** A configuration with the default pool settings. */
    public GatewayConfig(Path dataDir, String logLevel, boolean accessLog, Server server, Timeouts timeouts,
                         Retry retry, Map<String, Provider> providers, Map<String, String> aliases, Security security) {
        this(dataDir, logLevel, accessLog, server, timeouts, retry, providers, aliases, security, Pool.defaults(),
                Map.of());
    }

    /** A configuration with the default {@code cost.*} settings (in-process bus, spool under the data directory). */
    public GatewayConfig(Path dataDir, String logLevel, boolean accessLog, Server server, Timeouts timeouts,
                         Retry retry, Map<String, Provider> providers, Map<String, String> aliases, Security security,
                         Pool pool, Map<String, PolicySettings> policies, StoreSettings store, TenancySettings tenancy,
                         Secrets secrets, Accounts accounts) {
        this(dataDir, logLevel, accessLog, server, timeouts, retry, providers, aliases, security, pool, policies,
                store, tenancy, secrets, accounts, Cost.defaults(dataDir));
    }

    /**
     * {@code cost.*}: how usage events travel ({@code in-process} or {@code rabbitmq}), whether this
     * instance consumes them into the usage store, where the durable spool lives, and how long raw
     * usage rows are kept (rollups are kept).
     */
    public record Cost(boolean rabbitmq, dev.llmgateway.cost.event.RabbitSettings rabbit, boolean consume,
                       Path spoolDir, Duration retention, java.util.Optional<Path> priceBook, Budgets budgets,
                       dev.llmgateway.cost.alert.AlertSettings alerts,
                       dev.llmgateway.cost.anomaly.AnomalySettings anomaly) {

        /**
         * {@code cost.budgets.*}: the output tokens assumed for a request that sets no max tokens when
         * its cost is estimated before the call, and how long a reservation of a request in flight lives.
         */
        public record Budgets(int defaultOutputTokens, Duration holdTtl) {
            public static final Budgets DEFAULTS = new Budgets(1024, Duration.ofMinutes(15));
        }

        public static Cost defaults(Path dataDir) {
            return new Cost(false, new dev.llmgateway.cost.event.RabbitSettings("127.0.0.1", 5672, "guest", "guest", "/",
                    "llmgw.usage"), true, dataDir.resolve("usage-spool"), Duration.ofDays(90), java.util.Optional.empty(),
                    Budgets.DEFAULTS, dev.llmgateway.cost.alert.AlertSettings.NONE,
                    dev.llmgateway.cost.anomaly.AnomalySettings.DEFAULTS);
        }
    }

    /** A configuration with the default {@code accounts.*} settings (subscription OAuth off). */
    public GatewayConfig(Path dataDir, String logLevel, boolean accessLog, Server server, Timeouts timeouts,
                         Retry retry, Map<String, Provider> providers, Map<String, String> aliases, Security security,
                         Pool pool, Map<String, PolicySettings> policies, StoreSettings store, TenancySettings tenancy,
                         Secrets secrets) {
        this(dataDir, logLevel, accessLog, server, timeouts, retry, providers, aliases, security, pool, policies,
                store, tenancy, secrets, Accounts.defaults());
    }

    /** A configuration with the embedded database under {@code dataDir} and default tenancy settings. */
    public GatewayConfig(Path dataDir, String logLevel, boolean accessLog, Server server, Timeouts timeouts,
                         Retry retry, Map<String, Provider> providers, Map<String, String> aliases, Security security,
                         Pool pool, Map<String, PolicySettings> policies) {
        this(dataDir, logLevel, accessLog, server, timeouts, retry, providers, aliases, security, pool, policies,
                StoreSettings.embedded(dataDir), TenancySettings.defaults(), Secrets.development());
    }

    /**
     * {@code gateway.mode} and the master key that seals upstream secrets at rest: its base64 text from
     * {@code LLMGW_MASTER_KEY}, or {@code security.master-key-file}. Production mode refuses to start
     * without one; development mode generates {@code <data-dir>/master.key}.
     */
    public record Secrets(boolean production, Optional<String> masterKey, Optional<Path> masterKeyFile) {

        public static Secrets development() {
            return new Secrets(false, Optional.empty(), Optional.empty());
        }

        @Override
        public String toString() {
            return "Secrets[production=" + production + ", masterKey=" + masterKey.map(k -> "****").orElse("none")
                    + ", masterKeyFile=" + masterKeyFile.map(Path::toString).orElse("none") + "]";
        }
    }

    /** {@code router.server.*}. */
    public record Server(String host, int port, long maxBodyBytes, List<String> corsAllowedOrigins) {
        public Server {
            corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
        }
    }

    /** {@code router.timeouts.*}: connect, first byte of the answer, gap between chunks, whole request. */
    public record Timeouts(Duration connect, Duration firstByte, Duration idle, Duration total) {
    }

    /** {@code router.retry.*}. */
    public record Retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
    }

    /** The kinds of upstream API a provider entry can speak. */
    public enum ProviderType {
        /** OpenAI's Chat Completions API: OpenAI, OpenRouter, and any compatible endpoint. */
        OPENAI,
        /** Anthropic's Messages API. */
        ANTHROPIC,
        /** Google's Gemini API (generateContent / streamGenerateContent). */
        GEMINI,
        // wiring: ANTHROPIC (Messages API) and GEMINI (generateContent) are added here
    }

    /**
     * {@code router.providers.<name>.*}. An empty model list means any model name is passed on.
     * Without {@code accounts}, the provider is one account using {@code api-key}.
     */
    public record Provider(String name, ProviderType type, URI baseUri, Optional<Secret> apiKey,
                           List<String> models, Map<String, String> headers, List<AccountSettings> accounts,
                           String strategy) {
        public Provider {
            models = List.copyOf(models);
            headers = Map.copyOf(headers);
            accounts = List.copyOf(accounts);
        }

        /** A provider that is a single account with its own key, chosen round robin. */
        public Provider(String name, ProviderType type, URI baseUri, Optional<Secret> apiKey, List<String> models,
                        Map<String, String> headers) {
            this(name, type, baseUri, apiKey, models, headers, List.of(), "round-robin");
        }
    }

    /**
     * {@code router.providers.<name>.accounts[i]}: one upstream account; limits of 0 mean none,
     * an empty model list means all of the provider's models.
     */
    public record AccountSettings(String name, Optional<Secret> apiKey, int weight, int priority,
                                  List<String> models, int maxConcurrency, int requestsPerMinute,
                                  long tokensPerMinute, boolean enabled, Optional<URI> proxy) {
        public AccountSettings {
            models = List.copyOf(models);
        }
    }

    /** {@code router.pool.*}: account health thresholds and session affinity. */
    public record Pool(int failureThreshold, Duration failureWindow, Duration openDuration, Duration baseCooldown,
                       Duration maxCooldown, Duration affinityTtl, Duration probeInterval) {
        public static Pool defaults() {
            return new Pool(5, Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(5),
                    Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofSeconds(60));
        }
    }

    /**
     * {@code accounts.*}: whether subscription OAuth accounts (Claude Code, Gemini CLI) may be used
     * (an operator opt-in, off by default), how early tokens are refreshed, how often that is checked
     * (zero: never in the background), how long an authorization started with {@code oauth-start}
     * stays valid, and what the operator changed of each subscription type's OAuth client, keyed by
     * its settings name ({@code accounts.oauth.claude-code}); the types supply the defaults.
     */
    public record Accounts(boolean allowSubscriptionOAuth, Duration refreshBefore, Duration refreshCheckInterval,
                           Duration authorizationTtl, Map<String, OAuthSettings> oauth) {
        public Accounts {
            oauth = Map.copyOf(oauth);
        }

        public static Accounts defaults() {
            return new Accounts(false, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(10),
                    Map.of());
        }
    }

    /**
     * {@code accounts.oauth.<type>.*}: an operator's changes to one subscription type's OAuth client
     * (endpoints, client id, the secret some providers require of installed apps, scopes, redirect
     * URI) and, for Claude Code, the system-prompt prefix its tokens require. Empty = the type's default.
     */
    public record OAuthSettings(Optional<URI> authorizeUri, Optional<URI> tokenUri, Optional<String> clientId,
                                Optional<Secret> clientSecret, Optional<List<String>> scopes,
                                Optional<URI> redirectUri, Optional<String> systemPromptPrefix) {
        public static OAuthSettings none() {
            return new OAuthSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /** {@code security.*}: the admin key's hash and the client keys. */
    public record Security(Optional<String> adminKeyHash, List<KeyEntry> clientKeys) {
        public Security {
            clientKeys = List.copyOf(clientKeys);
        }
    }
}
