package dev.llmgateway.router.oauth;

import dev.llmgateway.router.accounttype.AccountTypes;
import dev.llmgateway.router.accounttype.OAuthAccountType;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.router.pool.Account;
import dev.llmgateway.router.pool.UpstreamAccounts;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.TenancyException;
import dev.llmgateway.tenancy.audit.AuditEntry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Subscription OAuth accounts as the admin API sees them: add one (pending), start its
 * authorization (PKCE, state kept server-side), complete it with the code (tokens stored, account
 * active), refresh it, and list every one's status. All of it is refused unless the operator opted
 * in ({@code accounts.allow-subscription-oauth}); when they did, the start-up log says that the
 * providers' terms govern such use. Runs the background refresh. Thread-safe.
 */
public final class OAuthAccounts implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger("llmgw.oauth");
    static final String SETTING = "accounts.allow-subscription-oauth";
    private static final Duration TOKEN_TIMEOUT = Duration.ofSeconds(15);

    private final GatewayConfig.Accounts settings;
    private final AccountTypes types;
    private final UpstreamAccounts accounts;
    private final OAuthStore store;
    private final TokenEndpoint endpoint;
    private final TokenKeeper keeper;
    private final Clock clock;
    private ScheduledExecutorService background;

    /** An authorization an operator completes by opening {@code url} (state included). */
    public record Authorization(URI url, String state, Instant expiresAt, URI redirectUri) {
        @Override
        public String toString() {
            return "Authorization[expiresAt=" + expiresAt + "]";
        }
    }

    /** Wires itself into {@code accounts} as their token source: call before {@code accounts.useStore}. */
    public OAuthAccounts(GatewayConfig.Accounts settings, AccountTypes types, UpstreamAccounts accounts,
                         OAuthStore store, Clock clock) {
        this.settings = settings;
        this.types = types;
        this.accounts = accounts;
        this.store = store;
        this.clock = clock;
        this.endpoint = new TokenEndpoint(TOKEN_TIMEOUT, clock);
        this.keeper = new TokenKeeper(store, endpoint, types, settings.allowSubscriptionOAuth(), clock);
        keeper.onChange(accounts::oauthChanged);
        accounts.useTokens(keeper);
        if (settings.allowSubscriptionOAuth()) {
            LOG.warning(SETTING + " is on: Claude Code and Gemini CLI subscription accounts may be added. Using a "
                    + "subscription through a gateway is governed by the provider's terms (Anthropic's Consumer "
                    + "Terms and usage policy, Google's terms for Gemini Code Assist); make sure they allow your use.");
        }
    }

    /** Starts the background refresh every {@code accounts.oauth.refresh-check-interval} (when on). */
    public synchronized void start() {
        Duration every = settings.refreshCheckInterval();
        if (!settings.allowSubscriptionOAuth() || every.isZero() || background != null) {
            return;
        }
        background = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("llmgw-oauth-refresh").factory());
        background.scheduleWithFixedDelay(() -> {
            try {
                keeper.refreshDue(settings.refreshBefore());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "background OAuth refresh failed", e);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean allowed() {
        return settings.allowSubscriptionOAuth();
    }

    public AccountTypes types() {
        return types;
    }

    /** The token source, for tests that look behind the API. */
    public TokenKeeper keeper() {
        return keeper;
    }

    /** 403 naming the setting, unless the operator opted in. */
    public void requireAllowed() {
        if (!allowed()) {
            throw new TenancyException(TenancyException.Kind.FORBIDDEN, "subscription_oauth_disabled",
                    "Subscription OAuth accounts (Claude Code, Gemini CLI) are off. An operator may turn them on "
                            + "with '" + SETTING + ": true' in the configuration (LLMGW_ACCOUNTS_ALLOW_SUBSCRIPTION_OAUTH"
                            + "=true); the provider's terms govern such use.", null);
        }
    }

    /** Adds an OAuth account; it stays disabled ({@code pending}) until authorized. */
    public void add(Actor actor, Account account) {
        requireAllowed();
        accounts.add(actor, account, "", "oauth");
    }

    /** Starts an authorization: a fresh PKCE pair and state, kept (sealed) until the callback or expiry. */
    public Authorization start(Actor actor, String accountId) {
        requireAllowed();
        OAuthAccountType type = typeOf(accountId);
        Pkce pkce = Pkce.generate();
        String state = Pkce.randomToken(24);
        Instant now = clock.instant();
        Instant expires = now.plus(settings.authorizationTtl());
        store.startAuthorization(actor, accountId, state, pkce.verifier(), now, expires);
        return new Authorization(type.authorizationUrl(state, pkce.challenge()), state, expires,
                type.client().redirectUri());
    }

    /**
     * Completes an authorization: exchanges the code (Claude's page shows {@code code#state}; then
     * {@code state} may be omitted) for tokens, stores them, and puts the account into rotation.
     */
    public TokenState callback(Actor actor, String accountId, String pastedCode, Optional<String> givenState) {
        requireAllowed();
        OAuthAccountType type = typeOf(accountId);
        String code = pastedCode.trim();
        Optional<String> state = givenState;
        int hash = code.indexOf('#');
        if (hash >= 0) {
            state = state.or(() -> Optional.of(pastedCode.trim().substring(hash + 1)));
            code = code.substring(0, hash);
        }
        if (code.isEmpty()) {
            throw TenancyException.invalid("code", "'code' (the authorization code) is required.");
        }
        String s = state.filter(v -> !v.isBlank()).orElseThrow(() -> TenancyException.invalid("state",
                "'state' is required (oauth-start printed it)."));
        String verifier = store.takeAuthorization(accountId, s, clock.instant()).orElseThrow(() ->
                TenancyException.invalid("state", "No authorization of '" + accountId + "' with this state is "
                        + "waiting: it expired, was used already, or was started again. Start over with oauth-start."));
        TokenSet tokens;
        try {
            tokens = endpoint.call(type.client().tokenUri(), type.codeExchange(code, verifier, s), Optional.empty());
        } catch (OAuthException e) {
            store.audit().append(AuditEntry.of(actor, "account.oauth_authorize_failed", "account", accountId)
                    .with("error", e.getMessage()));
            if (e.kind() == OAuthException.Kind.UNAVAILABLE) {
                throw e;
            }
            throw TenancyException.invalid("code", "The token endpoint refused the code (" + e.getMessage()
                    + "). Start over with oauth-start.");
        }
        Instant now = clock.instant();
        store.authorize(actor, accountId, tokens, now);
        TokenState active = new TokenState(accountId, type.id(), OAuthStatus.ACTIVE, Optional.of(tokens),
                Optional.of(now), Optional.empty());
        keeper.stored(active);
        LOG.info(() -> "account " + accountId + " authorized; token valid until " + tokens.expiresAt());
        return active;
    }

    /**
     * Refreshes the account's token now. A revoked grant is a 409 (the account is disabled and
     * reported); a token endpoint that fails is an {@link OAuthException}.
     */
    public TokenState refresh(Actor actor, String accountId) {
        requireAllowed();
        typeOf(accountId);
        TokenState s = keeper.state(accountId).orElseThrow(() -> TenancyException.notFound("OAuth account", accountId));
        if (s.status() == OAuthStatus.PENDING) {
            throw TenancyException.conflict("oauth_pending", "'" + accountId + "' is not authorized yet: run "
                    + "oauth-start, then oauth-callback.");
        }
        store.audit().append(AuditEntry.of(actor, "account.oauth_refresh", "account", accountId));
        try {
            TokenState after = keeper.refreshNow(accountId);
            if (after.status() == OAuthStatus.REVOKED) {
                throw revoked(accountId, after);
            }
            return after;
        } catch (OAuthException e) {
            if (e.rejected()) {
                throw revoked(accountId, keeper.state(accountId).orElse(s));
            }
            throw e;
        }
    }

    private static TenancyException revoked(String accountId, TokenState s) {
        return TenancyException.conflict("oauth_revoked", "The token endpoint rejected the refresh token of '"
                + accountId + "' (" + s.lastError().orElse("invalid_grant") + "); the account is disabled. "
                + "Authorize it again with oauth-start.");
    }

    /** Every OAuth account's stored state (tokens never leave this package in a view). */
    public List<TokenState> all() {
        return store.all();
    }

    private OAuthAccountType typeOf(String accountId) {
        Optional<TokenState> s = keeper.state(accountId);
        if (s.isEmpty()) {
            if (accounts.pool().status(accountId).isPresent()) {
                throw TenancyException.invalid("account", "'" + accountId + "' is not an OAuth account.");
            }
            throw TenancyException.notFound("account", accountId);
        }
        return types.oauth(s.get().type()).orElseThrow(() -> TenancyException.invalid("account", "'" + accountId
                + "' has account type '" + s.get().type() + "', which this gateway does not know."));
    }

    @Override
    public synchronized void close() {
        if (background != null) {
            background.shutdownNow();
            background = null;
        }
        endpoint.close();
    }
}
