package dev.llmgateway.router.oauth;

import dev.llmgateway.core.error.ErrorCategory;
import dev.llmgateway.core.error.UpstreamException;
import dev.llmgateway.core.spi.Credential;
import dev.llmgateway.core.spi.ProviderFailure;
import dev.llmgateway.router.accounttype.AccountTypes;
import dev.llmgateway.router.accounttype.OAuthAccountType;
import dev.llmgateway.router.pool.TokenSource;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.audit.AuditEntry;
import io.helidon.dbclient.DbExecute;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Hands requests a valid access token for each OAuth account and refreshes tokens: before they
 * expire (the background check, {@link #refreshDue}), when a request finds one about to expire,
 * and when the upstream rejects one. Refreshes are single-flight per account: callers that arrive
 * while one is running wait for it and share its result; across instances the account's row is
 * locked during the refresh, and a refresh that finds the row already refreshed uses it. A refresh
 * token the endpoint rejects ({@code invalid_grant}) revokes the account: tokens dropped, account
 * disabled with the reason, audited. Thread-safe; never logs a token.
 */
public final class TokenKeeper implements TokenSource {

    private static final Logger LOG = Logger.getLogger("llmgw.oauth");
    /** A request refreshes a token that expires within this margin (clock skew, the request's own time). */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);
    /** How long a request waits for a refresh in flight. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final OAuthStore store;
    private final TokenEndpoint endpoint;
    private final AccountTypes types;
    private final boolean allowed;
    private final Clock clock;
    private final Map<String, TokenState> cache = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<TokenState>> inflight = new ConcurrentHashMap<>();
    private volatile Consumer<String> changed = id -> { };

    TokenKeeper(OAuthStore store, TokenEndpoint endpoint, AccountTypes types, boolean allowed, Clock clock) {
        this.store = store;
        this.endpoint = endpoint;
        this.types = types;
        this.allowed = allowed;
        this.clock = clock;
    }

    /** Told the account id whenever an account's status changes (the pool follows). */
    void onChange(Consumer<String> listener) {
        this.changed = listener;
    }

    @Override
    public Credential current(String accountId) {
        TokenState s = usable(accountId);
        TokenSet tokens = s.tokens().orElseThrow();
        if (!s.expiresWithin(EXPIRY_MARGIN, clock.instant())) {
            return new Credential(tokens.accessToken(), s.type());
        }
        try {
            TokenState fresh = refresh(accountId, row -> row.expiresWithin(EXPIRY_MARGIN, clock.instant()));
            return new Credential(usable(fresh).tokens().orElseThrow().accessToken(), fresh.type());
        } catch (OAuthException e) {
            if (!e.rejected() && clock.instant().isBefore(tokens.expiresAt())) {
                return new Credential(tokens.accessToken(), s.type()); // endpoint down, token valid a while: use it
            }
            throw unusable(accountId, "its access token expired and the refresh failed (" + e.getMessage() + ")",
                    !e.rejected());
        }
    }

    @Override
    public Optional<Credential> renew(String accountId, Credential rejected) {
        try {
            TokenState s = refresh(accountId, row -> row.accessToken().filter(rejected.value()::equals).isPresent());
            return s.status() == OAuthStatus.ACTIVE ? s.accessToken().filter(t -> !t.equals(rejected.value()))
                    .map(t -> new Credential(t, s.type())) : Optional.empty();
        } catch (OAuthException | ProviderFailure e) {
            LOG.warning(() -> "account " + accountId + ": refresh after an upstream 401 failed: " + e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> blocked(String accountId) {
        if (!allowed) {
            return Optional.of("subscription OAuth accounts are off (accounts.allow-subscription-oauth: false)");
        }
        Optional<TokenState> s = state(accountId);
        if (s.isEmpty()) {
            return Optional.of("no OAuth state stored for this account");
        }
        return switch (s.get().status()) {
            case PENDING -> Optional.of("waiting for OAuth authorization (oauth-start, then oauth-callback)");
            case REVOKED -> Optional.of("OAuth refresh token rejected (" + s.get().lastError().orElse("invalid_grant")
                    + "); authorize again with oauth-start");
            case ACTIVE -> Optional.empty();
        };
    }

    @Override
    public void reload(String accountId) {
        cache.remove(accountId);
    }

    /** Refreshes every active token that expires within {@code before}; failures are logged and retried next time. */
    void refreshDue(Duration before) {
        Instant now = clock.instant();
        for (TokenState s : store.all()) {
            if (s.status() == OAuthStatus.ACTIVE && s.expiresWithin(before, now)) {
                try {
                    refresh(s.accountId(), row -> row.expiresWithin(before, clock.instant()));
                } catch (RuntimeException e) {
                    LOG.warning(() -> "account " + s.accountId() + ": background token refresh failed: "
                            + e.getMessage());
                }
            }
        }
    }

    /** A refresh now, whatever the expiry (an operator asked); throws {@link OAuthException} when it fails. */
    TokenState refreshNow(String accountId) {
        return refresh(accountId, row -> true);
    }

    /**
     * Single flight: joins the refresh in flight for the account, or runs one. {@code needed} is
     * asked again of the locked row, so a caller that arrives just after a refresh does not make
     * another one.
     */
    private TokenState refresh(String accountId, Predicate<TokenState> needed) {
        CompletableFuture<TokenState> mine = new CompletableFuture<>();
        CompletableFuture<TokenState> running = inflight.putIfAbsent(accountId, mine);
        if (running != null) {
            return await(accountId, running);
        }
        try {
            TokenState result = refreshLocked(accountId, needed);
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inflight.remove(accountId, mine);
        }
    }

    private record Outcome(TokenState state, Optional<OAuthException> failure) {
    }

    private TokenState refreshLocked(String accountId, Predicate<TokenState> needed) {
        Outcome o = store.db().transaction(tx -> refreshRow(tx, accountId, needed));
        TokenState before = cache.put(accountId, o.state());
        if (before == null || before.status() != o.state().status()) {
            changed.accept(accountId);
        }
        if (o.failure().isPresent()) {
            OAuthException e = o.failure().get();
            LOG.warning(() -> "account " + accountId + ": token refresh failed" + (e.rejected()
                    ? ", the grant is revoked and the account disabled: " : ": ") + e.getMessage());
            throw e;
        }
        LOG.fine(() -> "account " + accountId + ": token valid until " + o.state().expiresAt().orElse(null));
        return o.state();
    }

    /** With the row locked: the row as it is when no refresh is needed, else the token call's outcome, stored. */
    private Outcome refreshRow(DbExecute tx, String accountId, Predicate<TokenState> needed) {
        TokenState row = store.lock(tx, accountId).orElseThrow(() -> unusable(accountId, "it was removed", false));
        if (row.status() != OAuthStatus.ACTIVE || !needed.test(row)) {
            return new Outcome(row, Optional.empty()); // not ours to refresh, or refreshed meanwhile
        }
        Instant now = clock.instant();
        Optional<String> refreshToken = row.tokens().flatMap(TokenSet::refreshToken);
        if (refreshToken.isEmpty()) {
            return new Outcome(row, Optional.of(new OAuthException(OAuthException.Kind.REJECTED,
                    "no refresh token was granted")));
        }
        OAuthAccountType type = types.oauth(row.type()).orElseThrow(() ->
                new IllegalStateException("unknown OAuth account type " + row.type()));
        try {
            TokenSet t = endpoint.call(type.client().tokenUri(), type.refresh(refreshToken.get()), refreshToken);
            store.saveTokens(tx, accountId, t, now);
            return new Outcome(new TokenState(accountId, row.type(), OAuthStatus.ACTIVE, Optional.of(t),
                    Optional.of(now), Optional.empty()), Optional.empty());
        } catch (OAuthException e) {
            return failed(tx, row, e, now);
        }
    }

    /** A refused grant revokes the account (audited); any other failure is only recorded. */
    private Outcome failed(DbExecute tx, TokenState row, OAuthException e, Instant now) {
        store.saveFailure(tx, row.accountId(), e.getMessage(), e.rejected(), now);
        if (!e.rejected()) {
            return new Outcome(new TokenState(row.accountId(), row.type(), row.status(), row.tokens(),
                    row.refreshedAt(), Optional.of(e.getMessage())), Optional.of(e));
        }
        store.audit().append(tx, AuditEntry.of(Actor.system(), "account.oauth_revoked", "account", row.accountId())
                .with("error", e.getMessage()));
        return new Outcome(new TokenState(row.accountId(), row.type(), OAuthStatus.REVOKED, Optional.empty(),
                row.refreshedAt(), Optional.of(e.getMessage())), Optional.of(e));
    }

    private TokenState await(String accountId, CompletableFuture<TokenState> running) {
        try {
            return running.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new OAuthException(OAuthException.Kind.UNAVAILABLE, "the refresh in flight took longer than "
                    + WAIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuthException(OAuthException.Kind.UNAVAILABLE, "interrupted while waiting for a refresh");
        }
    }

    /** The stored state, cached after the first read. */
    Optional<TokenState> state(String accountId) {
        TokenState s = cache.get(accountId);
        if (s != null) {
            return Optional.of(s);
        }
        Optional<TokenState> loaded = store.load(accountId);
        loaded.ifPresent(l -> cache.putIfAbsent(accountId, l));
        return loaded.map(l -> cache.getOrDefault(accountId, l));
    }

    /** Remembers a state written elsewhere (a code exchange) and tells the pool. */
    void stored(TokenState s) {
        cache.put(s.accountId(), s);
        changed.accept(s.accountId());
    }

    private TokenState usable(String accountId) {
        if (!allowed) {
            throw unusable(accountId, "subscription OAuth accounts are off", false);
        }
        TokenState s = state(accountId).orElseThrow(() -> unusable(accountId, "it has no OAuth state", false));
        return usable(s);
    }

    private TokenState usable(TokenState s) {
        if (s.status() != OAuthStatus.ACTIVE || s.tokens().isEmpty()) {
            throw unusable(s.accountId(), s.status() == OAuthStatus.PENDING ? "it is not authorized yet"
                    : "its OAuth grant was revoked", false);
        }
        return s;
    }

    /**
     * The account cannot be used now. Not transient: read like rejected credentials (another account
     * is tried; this one stays disabled). Transient (token endpoint down): like an upstream failure.
     */
    private static ProviderFailure unusable(String accountId, String why, boolean transientFault) {
        UpstreamException error = new UpstreamException(transientFault ? ErrorCategory.UNAVAILABLE
                : ErrorCategory.UPSTREAM, "Upstream account '" + accountId + "' cannot be used: " + why + ".",
                transientFault ? "upstream_oauth_unavailable" : "upstream_oauth_unauthorized");
        return new ProviderFailure(error, transientFault, null, transientFault ? 0 : 401);
    }
}
