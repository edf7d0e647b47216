package dev.llmgateway.router.pool;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The upstream accounts of every provider, with health, limits, a selection strategy per provider
 * and session affinity. {@link #acquire} hands out a {@link Lease}; the caller reports how the
 * request went exactly once, which updates health, latency and limits. Thread-safe.
 */
public final class AccountPool {

    // Copy-on-write snapshots: requests read them without locks; add/remove replace them whole.
    private volatile Map<String, AccountRuntime> byId = Map.of();
    private volatile Map<String, List<AccountRuntime>> byProvider = Map.of();
    private final HealthSettings health;
    private final Consumer<AccountHealth.StatusChange> listener;
    private final Map<String, SelectionStrategy> strategies;
    private final SelectionStrategy fallbackStrategy = new SelectionStrategy.RoundRobin();
    private final SessionAffinity affinity;
    private final Clock clock;
    private final List<LeaseListener> leaseListeners = new CopyOnWriteArrayList<>();

    public AccountPool(List<Account> accounts, Map<String, SelectionStrategy> strategies, HealthSettings health,
                       Duration affinityTtl, Clock clock, Consumer<AccountHealth.StatusChange> listener) {
        this.strategies = Map.copyOf(strategies);
        this.clock = clock;
        this.affinity = new SessionAffinity(affinityTtl, 100_000, clock);
        this.health = health;
        this.listener = listener;
        for (Account a : accounts) {
            add(a);
        }
    }

    /** Adds an account (at run time too); throws when its id is taken. */
    public synchronized void add(Account a) {
        if (byId.containsKey(a.id())) {
            throw new IllegalArgumentException("duplicate account id '" + a.id() + "'");
        }
        AccountRuntime rt = new AccountRuntime(a,
                model -> new AccountHealth(a.id() + " [" + model + "]", health, clock, listener), clock);
        Map<String, AccountRuntime> ids = new LinkedHashMap<>(byId);
        ids.put(a.id(), rt);
        publish(ids);
    }

    /**
     * Removes an account: no new request gets it; requests already holding a lease finish normally.
     * False when there is no such account.
     */
    public synchronized boolean remove(String accountId) {
        if (!byId.containsKey(accountId)) {
            return false;
        }
        Map<String, AccountRuntime> ids = new LinkedHashMap<>(byId);
        ids.remove(accountId);
        publish(ids);
        return true;
    }

    private void publish(Map<String, AccountRuntime> ids) {
        Map<String, List<AccountRuntime>> providers = new LinkedHashMap<>();
        for (AccountRuntime rt : ids.values()) {
            providers.computeIfAbsent(rt.account().provider(), p -> new ArrayList<>()).add(rt);
        }
        providers.replaceAll((p, list) -> List.copyOf(list));
        byId = java.util.Collections.unmodifiableMap(ids);
        byProvider = java.util.Collections.unmodifiableMap(providers);
    }

    /** Whether the pool has accounts for {@code provider}. */
    public boolean manages(String provider) {
        return byProvider.containsKey(provider);
    }

    /**
     * An account of {@code provider} that serves {@code model} and can take a request now, other
     * than those in {@code exclude} (already tried for this request). With a session key, the
     * account that served the session before is preferred while it is available and belongs to
     * {@code provider} (a conversation that fell back to another provider's model must not drag
     * that provider's account into this one).
     */
    public Optional<Lease> acquire(String provider, String model, Optional<String> session, Set<String> exclude) {
        List<AccountRuntime> group = byProvider.getOrDefault(provider, List.of());
        if (session.isPresent()) {
            Map<String, AccountRuntime> ids = byId;
            Optional<AccountRuntime> sticky = affinity.get(session.get()).map(ids::get)
                    .filter(rt -> rt.account().provider().equals(provider) && !exclude.contains(rt.account().id())
                            && rt.account().serves(model));
            if (sticky.isPresent() && sticky.get().underLimits() && sticky.get().health(model).tryAcquire()) {
                return Optional.of(lease(sticky.get(), model, session, !exclude.isEmpty()));
            }
        }
        List<AccountRuntime> candidates = new ArrayList<>();
        for (AccountRuntime rt : group) {
            if (!exclude.contains(rt.account().id()) && rt.account().serves(model) && rt.health(model).available()
                    && rt.underLimits()) {
                candidates.add(rt);
            }
        }
        SelectionStrategy strategy = strategies.getOrDefault(provider, fallbackStrategy);
        while (!candidates.isEmpty()) {
            AccountRuntime chosen = strategy.choose(candidates);
            if (chosen.health(model).tryAcquire()) {
                return Optional.of(lease(chosen, model, session, !exclude.isEmpty()));
            }
            candidates.remove(chosen); // lost a race for a half-open probe or a cool-down edge
        }
        return Optional.empty();
    }

    private Lease lease(AccountRuntime rt, String model, Optional<String> session, boolean failover) {
        rt.started();
        session.ifPresent(s -> affinity.put(s, rt.account().id()));
        notifyListeners(l -> l.acquired(rt.account(), model, failover));
        return new Lease(rt, model, clock.millis(), session);
    }

    /** Whether some account other than {@code exclude} could take a request for the model now. */
    public boolean hasAvailable(String provider, String model, Set<String> exclude) {
        for (AccountRuntime rt : byProvider.getOrDefault(provider, List.of())) {
            if (!exclude.contains(rt.account().id()) && rt.account().serves(model) && rt.health(model).available()
                    && rt.underLimits()) {
                return true;
            }
        }
        return false;
    }

    /** The earliest time a cooling or open account of the provider takes traffic again, if any. */
    public Optional<java.time.Instant> nextAvailable(String provider) {
        return byProvider.getOrDefault(provider, List.of()).stream()
                .flatMap(rt -> rt.healthByModel().values().stream())
                .map(h -> h.snapshot().until())
                .flatMap(Optional::stream)
                .min(java.util.Comparator.naturalOrder());
    }

    /** The account's health per model it has served, and whether it is switched off account-wide. */
    public Optional<AccountView> status(String accountId) {
        return Optional.ofNullable(byId.get(accountId)).map(this::view);
    }

    /** Operator switch; false when there is no such account. */
    public boolean setEnabled(String accountId, boolean enabled) {
        AccountRuntime rt = byId.get(accountId);
        if (rt == null) {
            return false;
        }
        if (enabled) {
            rt.enable();
        } else {
            rt.disable("disabled by an operator", true);
        }
        return true;
    }

    /**
     * Takes an account out of rotation for a reason only an operator can clear (an OAuth grant that
     * was revoked, an authorization still pending): probes and successes leave it disabled until
     * {@code setEnabled(id, true)}. False when there is no such account.
     */
    public boolean disable(String accountId, String reason) {
        AccountRuntime rt = byId.get(accountId);
        if (rt == null) {
            return false;
        }
        rt.disable(reason, true);
        return true;
    }

    /** Adds an observer of every lease's start and outcome. */
    public void addLeaseListener(LeaseListener listener) {
        leaseListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    private void notifyListeners(Consumer<LeaseListener> event) {
        for (LeaseListener l : leaseListeners) {
            try {
                event.accept(l);
            } catch (RuntimeException ignored) {
                // an observer must never break a request
            }
        }
    }

    /**
     * Whether a health probe outside any request could bring the account back or should confirm
     * it is down: it was disabled by rejected credentials (not by an operator), or a model's circuit
     * is open.
     */
    public boolean probeWorthy(String accountId) {
        AccountRuntime rt = byId.get(accountId);
        if (rt == null) {
            return false;
        }
        if (rt.disabledReason().isPresent()) {
            return !rt.disabledByOperator();
        }
        return rt.healthByModel().values().stream().map(h -> h.snapshot().status())
                .anyMatch(st -> st == AccountStatus.CIRCUIT_OPEN || st == AccountStatus.HALF_OPEN);
    }

    /**
     * The outcome of a health probe made outside any request. A passing probe brings back an
     * account disabled by rejected credentials and closes circuits whose open period has ended (as
     * a half-open probe would); rejected credentials disable the account. An operator's switch and
     * running cool-downs are left alone. False when there is no such account.
     */
    public boolean recordProbe(String accountId, boolean credentialsRejected, String detail) {
        AccountRuntime rt = byId.get(accountId);
        if (rt == null) {
            return false;
        }
        synchronized (rt) {
            if (rt.disabledByOperator()) {
                return true;
            }
            if (credentialsRejected) {
                rt.disable("credentials rejected: " + detail, false);
                return true;
            }
            if (rt.disabledReason().isPresent()) {
                rt.enable();
            }
        }
        for (AccountHealth h : rt.healthByModel().values()) {
            if (h.tryAcquire()) {
                h.onSuccess();
            }
        }
        return true;
    }

    /** Every account with its live state, in configuration order. */
    public List<AccountView> list() {
        List<AccountView> out = new ArrayList<>();
        for (AccountRuntime rt : byId.values()) {
            out.add(view(rt));
        }
        return out;
    }

    private AccountView view(AccountRuntime rt) {
        Map<String, AccountHealth.Snapshot> models = new java.util.TreeMap<>();
        rt.healthByModel().forEach((m, h) -> models.put(m, h.snapshot()));
        AccountStatus status = rt.disabledReason().isPresent() ? AccountStatus.DISABLED
                : models.values().stream().map(AccountHealth.Snapshot::status)
                .filter(st -> st != AccountStatus.HEALTHY).findFirst().orElse(AccountStatus.HEALTHY);
        return new AccountView(rt.account(), status, rt.disabledReason(), models, rt.inFlight(), rt.latencyMillis());
    }

    /**
     * An account with its live state, for the admin API and CLI: an overall status (DISABLED when
     * switched off, else the first non-healthy model's status), and the health per model.
     */
    public record AccountView(Account account, AccountStatus status, Optional<String> disabledReason,
                              Map<String, AccountHealth.Snapshot> models, int inFlight, double latencyMillis) {
    }

    /** One request's use of an account; report exactly one outcome. */
    public final class Lease {
        private final AccountRuntime rt;
        private final String model;
        private final long startMillis;
        private final Optional<String> session;
        private final AtomicBoolean done = new AtomicBoolean();

        private Lease(AccountRuntime rt, String model, long startMillis, Optional<String> session) {
            this.rt = rt;
            this.model = model;
            this.startMillis = startMillis;
            this.session = session;
        }

        public Account account() {
            return rt.account();
        }

        /** The request succeeded; {@code latencyNanos} to the first byte, {@code tokens} used. */
        public void success(long latencyNanos, long tokens) {
            if (done.compareAndSet(false, true)) {
                if (rt.disabledReason().isPresent() && !rt.disabledByOperator()) {
                    rt.enable(); // a probe got through: the credentials work again
                }
                rt.health(model).onSuccess();
                rt.finished(latencyNanos, tokens);
                notifyListeners(l -> l.succeeded(rt.account(), model, latencyNanos));
            }
        }

        /** The request failed on this account; the session moves off it unless the fault was the client's. */
        public void failure(FailureKind kind, Optional<Duration> retryAfter, String detail) {
            if (done.compareAndSet(false, true)) {
                if (kind == FailureKind.CREDENTIALS) {
                    rt.health(model).onFailure(kind, retryAfter, detail);
                    synchronized (rt) {
                        // an operator's (or a revoked grant's) reason stays: a probe must not clear it
                        if (!rt.disabledByOperator()) {
                            rt.disable("credentials rejected: " + detail, false);
                        }
                    }
                } else {
                    rt.health(model).onFailure(kind, retryAfter, detail);
                }
                rt.finished(-1, 0);
                if (kind != FailureKind.CLIENT) {
                    session.ifPresent(affinity::forget);
                }
                notifyListeners(l -> l.failed(rt.account(), model, kind));
            }
        }

        /** Counts tokens against the account's per-minute limit once they are known. */
        public void recordTokens(long tokens) {
            if (tokens > 0) {
                rt.addTokens(tokens);
            }
        }

        /** Milliseconds since the lease was taken. */
        public long ageMillis() {
            return clock.millis() - startMillis;
        }
    }
}
