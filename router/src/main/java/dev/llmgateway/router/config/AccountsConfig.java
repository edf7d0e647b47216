package dev.llmgateway.router.config;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code accounts.*}: the subscription-OAuth opt-in, token refresh timing and each
 * subscription type's OAuth client settings. Only what the operator sets is read here; the account
 * types ({@code router.accounttype}) supply the defaults.
 */
final class AccountsConfig {

    /** The settings names under {@code accounts.oauth}, one per subscription account type. */
    static final List<String> SUBSCRIPTION_TYPES = List.of("claude-code", "gemini-cli");

    private AccountsConfig() {
    }

    static GatewayConfig.Accounts read(ConfigReader r) {
        GatewayConfig.Accounts d = GatewayConfig.Accounts.defaults();
        boolean allow = r.bool("accounts.allow-subscription-oauth", d.allowSubscriptionOAuth());
        Duration before = r.duration("accounts.oauth.refresh-before", d.refreshBefore());
        boolean background = r.bool("accounts.oauth.background-refresh", true);
        Duration interval = r.duration("accounts.oauth.refresh-check-interval", d.refreshCheckInterval());
        Duration ttl = r.duration("accounts.oauth.authorization-ttl", d.authorizationTtl());
        Map<String, GatewayConfig.OAuthSettings> clients = new LinkedHashMap<>();
        for (String type : SUBSCRIPTION_TYPES) {
            clients.put(type, client(r, "accounts.oauth." + type, type.equals("claude-code")));
        }
        return new GatewayConfig.Accounts(allow, before, background ? interval : Duration.ZERO, ttl, clients);
    }

    private static GatewayConfig.OAuthSettings client(ConfigReader r, String p, boolean systemPrompt) {
        Optional<URI> authorize = r.uri(p + ".authorize-uri");
        Optional<URI> token = r.uri(p + ".token-uri");
        Optional<String> clientId = r.optionalString(p + ".client-id");
        Optional<Secret> secret = r.optionalString(p + ".client-secret").map(Secret::new);
        List<String> scopes = r.strings(p + ".scopes", List.of());
        Optional<URI> redirect = redirect(r, p + ".redirect-uri");
        Optional<String> prefix = systemPrompt ? r.raw(p + ".system-prompt-prefix") : Optional.empty();
        if (prefix.isPresent() && prefix.get().isBlank()) {
            r.problem(p + ".system-prompt-prefix", "must not be empty: the subscription's tokens only work with it");
            prefix = Optional.empty();
        }
        return new GatewayConfig.OAuthSettings(authorize, token, clientId, secret,
                scopes.isEmpty() ? Optional.empty() : Optional.of(scopes), redirect, prefix);
    }

    /** A redirect URI may be a loopback or custom-scheme URI, so only its syntax is checked. */
    private static Optional<URI> redirect(ConfigReader r, String path) {
        Optional<String> text = r.optionalString(path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.get());
            if (uri.getScheme() == null) {
                r.problem(path, "must be an absolute URI, got '" + text.get() + "'");
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (java.net.URISyntaxException e) {
            r.problem(path, "is not a valid URI: '" + text.get() + "'");
            return Optional.empty();
        }
    }
}
