package dev.llmgateway.router.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.router.accounttype.OAuthAccountType;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.router.oauth.OAuthAccounts;
import dev.llmgateway.router.oauth.OAuthException;
import dev.llmgateway.router.oauth.TokenState;
import dev.llmgateway.router.pool.Account;
import dev.llmgateway.router.pool.AccountPool;
import dev.llmgateway.router.server.Gateway;
import dev.llmgateway.tenancy.TenancyException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Subscription OAuth accounts (platform admins): add one, start and complete its authorization,
 * refresh it, and list every one's status. Tokens never appear in an answer: only their expiry.
 * A token endpoint that fails answers 502 {@code oauth_token_endpoint_failed}.
 */
final class OAuthRoutes implements AdminRoutes {

    private final Gateway gateway;
    private final Clock clock;

    OAuthRoutes(Gateway gateway) {
        this(gateway, Clock.systemUTC());
    }

    OAuthRoutes(Gateway gateway, Clock clock) {
        this.gateway = gateway;
        this.clock = clock;
    }

    @Override
    public void addTo(AdminRouteTable table) {
        table.post("/accounts/oauth", "Add a subscription OAuth account (Claude Code, Gemini CLI); it waits for "
                        + "authorization (operator opt-in: accounts.allow-subscription-oauth)", this::add)
                .post("/accounts/{provider}/{name}/oauth/start", "Start an OAuth authorization (PKCE): the URL to "
                        + "open and its state", this::start)
                .post("/accounts/{provider}/{name}/oauth/callback", "Complete an OAuth authorization with the code; "
                        + "the account takes traffic", this::callback)
                .post("/accounts/{provider}/{name}/oauth/refresh", "Refresh an OAuth account's access token now",
                        this::refresh)
                .get("/oauth/status", "Every OAuth account: status, token expiry, last refresh, last error",
                        this::status);
    }

    private AdminReply add(AdminRequest req) {
        req.actor().requirePlatform("manage upstream accounts");
        OAuthAccounts oauth = gateway.oauth();
        oauth.requireAllowed();
        Account account = read(req.body());
        oauth.add(req.actor(), account);
        ObjectNode view = AdminService.view(gateway, gateway.accounts().pool().status(account.id())
                .orElseThrow(() -> TenancyException.notFound("account", account.id())));
        view.putObject("oauth").put("status", "pending")
                .put("next", "POST " + AdminService.PATH + "/accounts/" + account.id() + "/oauth/start");
        return AdminReply.created(view);
    }

    private AdminReply start(AdminRequest req) {
        req.actor().requirePlatform("manage upstream accounts");
        String id = accountId(req);
        OAuthAccounts.Authorization a = guarded(() -> gateway.oauth().start(req.actor(), id));
        return AdminReply.ok(Json.object().put("id", id).put("authorization_url", a.url().toString())
                .put("state", a.state()).put("expires_at", a.expiresAt().toString())
                .put("redirect_uri", a.redirectUri().toString()));
    }

    private AdminReply callback(AdminRequest req) {
        req.actor().requirePlatform("manage upstream accounts");
        String id = accountId(req);
        String code = AccountRequests.text(req.body(), "code").orElseThrow(() -> TenancyException.invalid("code",
                "'code' (the authorization code shown after signing in) is required."));
        Optional<String> state = AccountRequests.text(req.body(), "state");
        TokenState s = guarded(() -> gateway.oauth().callback(req.actor(), id, code, state));
        return AdminReply.ok(json(s));
    }

    private AdminReply refresh(AdminRequest req) {
        req.actor().requirePlatform("manage upstream accounts");
        String id = accountId(req);
        return AdminReply.ok(json(guarded(() -> gateway.oauth().refresh(req.actor(), id))));
    }

    private AdminReply status(AdminRequest req) {
        req.actor().requirePlatform("see upstream accounts");
        ObjectNode root = Json.object().put("allow_subscription_oauth", gateway.oauth().allowed());
        ArrayNode data = root.putArray("data");
        gateway.oauth().all().forEach(s -> data.add(json(s)));
        return AdminReply.ok(root);
    }

    /** One OAuth account's state: never a token, only when it expires. */
    private ObjectNode json(TokenState s) {
        ObjectNode o = Json.object().put("id", s.accountId()).put("type", s.type()).put("status", s.status().wire());
        o.put("expires_at", s.expiresAt().map(Object::toString).orElse(null));
        if (s.expiresAt().isPresent()) {
            o.put("expires_in_seconds", Math.max(0, Duration.between(clock.instant(), s.expiresAt().get())
                    .toSeconds()));
        } else {
            o.putNull("expires_in_seconds");
        }
        o.put("last_refresh_at", s.refreshedAt().map(Object::toString).orElse(null));
        o.put("last_error", s.lastError().orElse(null));
        Optional<AccountPool.AccountView> view = gateway.accounts().pool().status(s.accountId());
        o.put("account_status", view.map(v -> AccountJson.name(v.status())).orElse(null));
        o.put("disabled_reason", view.flatMap(AccountPool.AccountView::disabledReason).orElse(null));
        return o;
    }

    /** The account to add: its type, its provider (given, or the first of the type's kind), name and settings. */
    private Account read(ObjectNode body) {
        String typeName = AccountRequests.text(body, "type").orElseThrow(() -> TenancyException.invalid("type",
                "'type' is required: " + typeNames() + "."));
        OAuthAccountType type = gateway.oauth().types().oauth(typeName).orElseThrow(() ->
                TenancyException.invalid("type", "'type' must be one of " + typeNames() + ", got '" + typeName + "'."));
        Map<String, GatewayConfig.Provider> providers = gateway.config().providers();
        String provider = AccountRequests.text(body, "provider").orElseGet(() -> providers.values().stream()
                .filter(p -> p.type() == type.provider()).map(GatewayConfig.Provider::name).findFirst()
                .orElseThrow(() -> TenancyException.invalid("provider", type.id() + " accounts need a provider of "
                        + "type " + type.provider() + "; none is configured.")));
        GatewayConfig.Provider p = providers.get(provider);
        if (p != null && p.type() != type.provider()) {
            throw TenancyException.invalid("provider", "Provider '" + provider + "' speaks " + p.type() + "; "
                    + type.id() + " accounts need a provider of type " + type.provider() + ".");
        }
        return AccountRequests.account(body, provider, type.id(), type.options());
    }

    private String typeNames() {
        return String.join(", ", gateway.oauth().types().oauthTypes().stream().map(OAuthAccountType::id).toList());
    }

    /** A token endpoint failure is the upstream's, not the caller's: 502. */
    private static <T> T guarded(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (OAuthException e) {
            throw new AdminError(502, "upstream_error", "oauth_token_endpoint_failed",
                    "The OAuth token endpoint did not grant tokens: " + e.getMessage() + ". Try again later.");
        }
    }

    private static String accountId(AdminRequest req) {
        return req.path("provider") + "/" + req.path("name");
    }
}
