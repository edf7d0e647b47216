package dev.llmgateway.router.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.router.pool.Account;
import dev.llmgateway.tenancy.TenancyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the body of {@code POST /accounts}: which provider (given, or told by the key's published
 * prefix), the account name, its key and its selection settings and limits. Every bad field is a 400
 * naming it; the key never appears in a message.
 */
final class AccountRequests {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private AccountRequests() {
    }

    /** The new account and its key. */
    record NewAccount(Account account, String secret) {
        @Override
        public String toString() {
            return "NewAccount[" + account.id() + "]";
        }
    }

    static NewAccount read(ObjectNode body, Map<String, GatewayConfig.Provider> providers) {
        String secret = text(body, "api_key").orElseThrow(() -> TenancyException.invalid("api_key",
                "'api_key' (the upstream key) is required."));
        if (secret.length() < 8 || secret.chars().anyMatch(Character::isWhitespace)) {
            throw TenancyException.invalid("api_key", "'api_key' must be at least 8 characters with no spaces.");
        }
        String provider = text(body, "provider").orElseGet(() -> guessProvider(secret, providers));
        return new NewAccount(account(body, provider, Account.API_KEY), secret);
    }

    /** The account named in {@code body} (name, models, weight, priority, limits, proxy) for {@code provider}. */
    static Account account(ObjectNode body, String provider, String type) {
        return account(body, provider, type, java.util.Set.of());
    }

    /**
     * The same, with the options its type reads ({@code optionNames}, e.g. {@code project},
     * {@code base_uri}): each a string field of the body; a {@code base_uri} must be an http(s) URI.
     */
    static Account account(ObjectNode body, String provider, String type, java.util.Set<String> optionNames) {
        Map<String, String> options = new java.util.TreeMap<>();
        for (String option : optionNames) {
            text(body, option).ifPresent(v -> options.put(option, v));
        }
        String base = options.get("base_uri");
        if (base != null) {
            try {
                java.net.URI uri = new java.net.URI(base);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new java.net.URISyntaxException(base, "not an http(s) URI with a host");
                }
            } catch (java.net.URISyntaxException e) {
                throw TenancyException.invalid("base_uri", "'base_uri' must be an http or https URI with a host.");
            }
        }
        String name = text(body, "name").orElseThrow(() -> TenancyException.invalid("name", "'name' is required."));
        if (!NAME.matcher(name).matches()) {
            throw TenancyException.invalid("name", "'name' must be 1-64 letters, digits, '.', '_' or '-', starting "
                    + "with a letter or digit.");
        }
        int weight = integer(body, "weight", 1, 1, 1000);
        int priority = integer(body, "priority", 0, -1000, 1000);
        Account.Limits limits = new Account.Limits(integer(body, "max_concurrency", 0, 0, 100_000),
                integer(body, "requests_per_minute", 0, 0, 10_000_000),
                integer(body, "tokens_per_minute", 0, 0, Integer.MAX_VALUE));
        Optional<java.net.URI> proxy = dev.llmgateway.router.config.EgressProxy.parse(text(body, "proxy").orElse(""),
                why -> {
                    throw TenancyException.invalid("proxy", "'proxy' " + why + ".");
                });
        return new Account(provider + "/" + name, name, provider, models(body), weight, priority, limits, type, proxy,
                options);
    }

    /**
     * The provider a key belongs to, from its vendor's published prefix, among the configured ones:
     * {@code sk-ant-} Anthropic, {@code AIza} Gemini, {@code sk-or-} OpenRouter, other {@code sk-} OpenAI.
     */
    static String guessProvider(String secret, Map<String, GatewayConfig.Provider> providers) {
        Optional<String> found;
        if (secret.startsWith("sk-ant-")) {
            found = ofType(providers, GatewayConfig.ProviderType.ANTHROPIC);
        } else if (secret.startsWith("AIza")) {
            found = ofType(providers, GatewayConfig.ProviderType.GEMINI);
        } else if (secret.startsWith("sk-or-")) {
            found = providers.containsKey("openrouter") ? Optional.of("openrouter") : Optional.empty();
        } else if (secret.startsWith("sk-")) {
            found = providers.containsKey("openai") ? Optional.of("openai")
                    : ofType(providers, GatewayConfig.ProviderType.OPENAI);
        } else {
            found = Optional.empty();
        }
        return found.orElseThrow(() -> TenancyException.invalid("provider", "Say which provider the key is for "
                + "('provider'); configured: " + String.join(", ", providers.keySet()) + "."));
    }

    private static Optional<String> ofType(Map<String, GatewayConfig.Provider> providers,
                                           GatewayConfig.ProviderType type) {
        return providers.values().stream().filter(p -> p.type() == type).map(GatewayConfig.Provider::name).findFirst();
    }

    static Optional<String> text(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw TenancyException.invalid(field, "'" + field + "' must be a string.");
        }
        return Optional.of(n.asText().trim()).filter(s -> !s.isEmpty());
    }

    private static int integer(ObjectNode body, String field, int fallback, int min, int max) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < min || n.asInt() > max) {
            throw TenancyException.invalid(field, "'" + field + "' must be a whole number from " + min + " to " + max + ".");
        }
        return n.asInt();
    }

    private static List<String> models(ObjectNode body) {
        JsonNode n = body.get("models");
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw TenancyException.invalid("models", "'models' must be a list of model names.");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode m : n) {
            if (!m.isTextual() || m.asText().isBlank()) {
                throw TenancyException.invalid("models", "'models' must hold non-empty model names.");
            }
            out.add(m.asText().trim());
        }
        return out;
    }
}
