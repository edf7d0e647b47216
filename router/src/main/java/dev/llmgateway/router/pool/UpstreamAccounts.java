package dev.llmgateway.router.pool;

import dev.llmgateway.core.spi.Credential;
import dev.llmgateway.core.spi.ProviderFailure;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.router.config.Secret;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Logger;
import java.time.Instant;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.TenancyException;

/**
 * The account pool built from configuration, with each account's credential kept apart from the
 * pool (the pool never sees secrets). A provider without an {@code accounts} list is one account
 * named {@code default} with the provider's key. Account ids are {@code provider/name}. OAuth
 * accounts have no fixed key: their tokens come from a {@link TokenSource}, and while it blocks them
 * (authorization pending, grant revoked) they stay in the pool, disabled with its reason.
 */
public final class UpstreamAccounts {

    private static final Logger LOG = Logger.getLogger("llmgw.pool");

    private final AccountPool pool;
    private final Map<String, Optional<Credential>> credentials;
    /** Accounts defined in the configuration file: the API may not remove them. */
    private final Set<String> configured;
    private final Set<String> providers;
    private volatile AccountStore store;
    private volatile Instant lastSync = Instant.EPOCH;
    private volatile TokenSource tokens = TokenSource.NONE;
    /** OAuth accounts, with the reason this class disabled each one for (absent: not disabled by it). */
    private final Map<String, Optional<String>> oauth = new ConcurrentHashMap<>();

    private UpstreamAccounts(AccountPool pool, Map<String, Optional<Credential>> credentials, Set<String> providers) {
        this.pool = pool;
        this.credentials = new ConcurrentHashMap<>(credentials);
        this.configured = Set.copyOf(credentials.keySet());
        this.providers = Set.copyOf(providers);
    }

    public static UpstreamAccounts fromConfig(GatewayConfig config, Clock clock) {
        List<Account> accounts = new ArrayList<>();
        Map<String, Optional<Credential>> credentials = new HashMap<>();
        Map<String, SelectionStrategy> strategies = new HashMap<>();
        List<String> disabled = new ArrayList<>();
        for (GatewayConfig.Provider p : config.providers().values()) {
            strategies.put(p.name(), SelectionStrategy.named(p.strategy()));
            if (p.accounts().isEmpty()) {
                String id = p.name() + "/default";
                accounts.add(new Account(id, "default", p.name(), List.of(), 1, 0, Account.Limits.NONE));
                credentials.put(id, p.apiKey().map(Secret::value).map(Credential::new));
                continue;
            }
            for (GatewayConfig.AccountSettings a : p.accounts()) {
                String id = p.name() + "/" + a.name();
                accounts.add(new Account(id, a.name(), p.name(), a.models(), a.weight(), a.priority(),
                        new Account.Limits(a.maxConcurrency(), a.requestsPerMinute(), a.tokensPerMinute()),
                        Account.API_KEY, a.proxy()));
                credentials.put(id, a.apiKey().or(p::apiKey).map(Secret::value).map(Credential::new));
                if (!a.enabled()) {
                    disabled.add(id);
                }
            }
        }
        GatewayConfig.Pool s = config.pool();
        AccountPool pool = new AccountPool(accounts, strategies,
                new HealthSettings(s.failureThreshold(), s.failureWindow(), s.openDuration(), s.baseCooldown(),
                        s.maxCooldown()),
                s.affinityTtl(), clock,
                change -> LOG.warning(() -> "account " + change.accountId() + ": " + change.from() + " -> "
                        + change.to() + " (" + change.reason() + ")"));
        disabled.forEach(id -> pool.setEnabled(id, false));
        return new UpstreamAccounts(pool, Map.copyOf(credentials), config.providers().keySet());
    }

    /** Where OAuth accounts' tokens come from; call before {@link #useStore}. */
    public void useTokens(TokenSource source) {
        this.tokens = source;
    }

    /**
     * Adds the accounts kept in the database to the pool and keeps {@code store} for run-time
     * changes. Called once at start-up.
     */
    public void useStore(AccountStore store, Instant now) {
        this.store = store;
        for (StoredAccount a : store.live()) {
            if (providers.contains(a.account().provider()) && !configured.contains(a.account().id())) {
                attach(a);
            } else {
                LOG.warning(() -> "stored account " + a.account().id() + " ignored: its provider is not configured "
                        + "or the configuration file defines the same id");
            }
        }
        lastSync = now;
    }

    /** Adds an account at run time: stored (secret sealed), audited, and in the pool at once. */
    public StoredAccount add(Actor actor, Account account, String secret, String hint) {
        if (!providers.contains(account.provider())) {
            throw TenancyException.invalid("provider", "No provider '" + account.provider() + "' is configured; "
                    + "accounts can be added to: " + String.join(", ", new java.util.TreeSet<>(providers)) + ".");
        }
        if (configured.contains(account.id())) {
            throw TenancyException.conflict("account_exists", "The configuration file defines '" + account.id()
                    + "' already.");
        }
        StoredAccount stored = requireStore().add(actor, account, secret, hint);
        pool.remove(account.id()); // revived after a deletion another instance had not seen yet
        attach(stored);
        return stored;
    }

    /** Removes a run-time account; accounts from the configuration file are refused (409). */
    public void remove(Actor actor, String id) {
        if (configured.contains(id)) {
            throw TenancyException.conflict("account_in_config", "'" + id + "' is defined in the configuration "
                    + "file; remove it there (or disable it with POST /accounts/" + id + "/disable).");
        }
        if (!requireStore().remove(actor, id)) {
            throw TenancyException.notFound("account", id);
        }
        detach(id);
    }

    /** Applies additions and removals made by other instances since the last call. */
    public void sync(Instant now) {
        AccountStore s = store;
        if (s == null) {
            return;
        }
        // a little overlap, so a change committed while the last query ran is not missed
        for (StoredAccount a : s.changedSince(lastSync.minusSeconds(5))) {
            String id = a.account().id();
            if (configured.contains(id) || !providers.contains(a.account().provider())) {
                continue;
            }
            if (a.deletedAt().isPresent()) {
                detach(id);
            } else if (pool.status(id).isEmpty()) {
                attach(a);
            } else if (a.account().oauth()) {
                tokens.reload(id);
                oauthChanged(id);
            }
        }
        lastSync = now;
    }

    /** Whether the account comes from the configuration file (not removable through the API). */
    public boolean isConfigured(String id) {
        return configured.contains(id);
    }

    private void attach(StoredAccount a) {
        // a provider configured without any key has a key-less "default" account; a real one replaces it
        String keyless = a.account().provider() + "/default";
        if (credentials.getOrDefault(keyless, Optional.empty()).isEmpty() && pool.remove(keyless)) {
            LOG.info(() -> "account " + keyless + " (no key) replaced by " + a.account().id());
        }
        String id = a.account().id();
        if (a.account().oauth()) {
            tokens.reload(id); // a revived account must not inherit its earlier life's tokens
            oauth.put(id, Optional.empty());
        } else {
            credentials.put(id, Optional.of(new Credential(a.secret())));
        }
        pool.add(a.account());
        if (!a.enabled()) {
            pool.setEnabled(id, false);
        } else if (a.account().oauth()) {
            oauthChanged(id);
        }
        LOG.info(() -> "account " + id + " added (" + (a.account().oauth() ? a.account().type()
                : "secret " + a.hint()) + ")");
    }

    private void detach(String id) {
        if (pool.remove(id)) {
            LOG.info(() -> "account " + id + " removed");
        }
        credentials.remove(id);
        if (oauth.remove(id) != null) {
            tokens.reload(id);
        }
    }

    /**
     * Brings an OAuth account's place in the pool in line with its token state: disabled with the
     * reason while its token source blocks it; enabled again once it does not, unless an operator
     * disabled it for another reason since. The OAuth service calls this after every change.
     */
    public void oauthChanged(String id) {
        Optional<String> before = oauth.get(id);
        if (before == null) {
            return;
        }
        Optional<String> now = tokens.blocked(id);
        if (now.isPresent() && !now.equals(before)) {
            pool.disable(id, now.get());
            oauth.put(id, now);
        } else if (now.isEmpty() && before.isPresent()) {
            if (pool.status(id).flatMap(AccountPool.AccountView::disabledReason).equals(before)) {
                pool.setEnabled(id, true);
            }
            oauth.put(id, Optional.empty());
        }
    }

    private AccountStore requireStore() {
        AccountStore s = store;
        if (s == null) {
            throw new TenancyException(TenancyException.Kind.CONFLICT, "no_account_store",
                    "This gateway keeps no accounts in a database.", null);
        }
        return s;
    }

    public AccountPool pool() {
        return pool;
    }

    /**
     * The credential for a call with the account: its key, or for an OAuth account a valid access
     * token (refreshed first when about to expire). Throws {@link ProviderFailure} when an OAuth
     * account has no usable token.
     */
    public Optional<Credential> credential(String accountId) {
        if (oauth.containsKey(accountId)) {
            return Optional.of(tokens.current(accountId));
        }
        return credentials.getOrDefault(accountId, Optional.empty());
    }

    /** The account's fixed key, if it has one (never an OAuth token): for showing a hint. */
    public Optional<Credential> key(String accountId) {
        return credentials.getOrDefault(accountId, Optional.empty());
    }

    /** Whether the account's credential is an OAuth token. */
    public boolean isOAuth(String accountId) {
        return oauth.containsKey(accountId);
    }

    /**
     * Runs one upstream attempt with the account's credential. For an OAuth account, an upstream
     * 401 is answered with one token refresh and one retry; a second 401 is the caller's to handle
     * (it disables the account).
     */
    public <T> T withCredential(String accountId, Function<Optional<Credential>, T> attempt) {
        Optional<Credential> credential = credential(accountId);
        try {
            return attempt.apply(credential);
        } catch (ProviderFailure f) {
            if (f.upstreamStatus() != 401 || credential.isEmpty() || !isOAuth(accountId)) {
                throw f;
            }
            Optional<Credential> renewed = tokens.renew(accountId, credential.get());
            if (renewed.isEmpty()) {
                throw f;
            }
            LOG.info(() -> "account " + accountId + ": upstream rejected the access token; retrying once with a "
                    + "refreshed one");
            return attempt.apply(renewed);
        }
    }
}
