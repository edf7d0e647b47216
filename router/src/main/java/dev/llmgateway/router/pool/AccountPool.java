package dev.llmgateway.router.pool;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The upstream accounts of every provider, with health, limits, a selection strategy per provider
 * and session affinity. {@link #acquire} hands out a {@link Lease}; the caller reports how the
 * request went exactly once, which updates health, latency and limits. Thread-safe.
 */
public final class AccountPool {

    private final Map<String, AccountRuntime> byId = new LinkedHashMap<>();
    private final Map<String, List<AccountRuntime>> byProvider = new LinkedHashMap<>();
    private final Map<String, SelectionStrategy> strategies;
    private final SelectionStrategy fallbackStrategy = new SelectionStrategy.RoundRobin();
    private final SessionAffinity affinity;
    private final Clock clock;

    public AccountPool(List<Account> accounts, Map<String, SelectionStrategy> strategies, HealthSettings health,
                       Duration affinityTtl, Clock clock, Consumer<AccountHealth.StatusChange> listener) {
        this.strategies = Map.copyOf(strategies);
        this.clock = clock;
        this.affinity = new SessionAffinity(affinityTtl, 100_000, clock);
        for (Account a : accounts) {
            if (byId.containsKey(a.id())) {
                throw new IllegalArgumentException("duplicate account id '" + a.id() + "'");
            }
            AccountRuntime rt = new AccountRuntime(a, new AccountHealth(a.id(), health, clock, listener), clock);
            byId.put(a.id(), rt);
            byProvider.computeIfAbsent(a.provider(), p -> new ArrayList<>()).add(rt);
        }
    }

    /** Whether the pool has accounts for {@code provider}. */
    public boolean manages(String provider) {
        return byProvider.containsKey(provider);
    }

    /**
     * An account of {@code provider} that serves {@code model} and can take a request now, other
     * than those in {@code exclude} (already tried for this request). With a session key, the
     * account that served the session before is preferred while it is available.
     */
    public Optional<Lease> acquire(String provider, String model, Optional<String> session, Set<String> exclude) {
        List<AccountRuntime> group = byProvider.getOrDefault(provider, List.of());
        if (session.isPresent()) {
            Optional<AccountRuntime> sticky = affinity.get(session.get()).map(byId::get)
                    .filter(rt -> !exclude.contains(rt.account().id()) && rt.account().serves(model));
            if (sticky.isPresent() && sticky.get().underLimits() && sticky.get().health().tryAcquire()) {
                return Optional.of(lease(sticky.get(), session));
            }
        }
        List<AccountRuntime> candidates = new ArrayList<>();
        for (AccountRuntime rt : group) {
            if (!exclude.contains(rt.account().id()) && rt.account().serves(model) && rt.health().available()
                    && rt.underLimits()) {
                candidates.add(rt);
            }
        }
        SelectionStrategy strategy = strategies.getOrDefault(provider, fallbackStrategy);
        while (!candidates.isEmpty()) {
            AccountRuntime chosen = strategy.choose(candidates);
            if (chosen.health().tryAcquire()) {
                return Optional.of(lease(chosen, session));
            }
            candidates.remove(chosen); // lost a race for a half-open probe or a cool-down edge
        }
        return Optional.empty();
    }

    private Lease lease(AccountRuntime rt, Optional<String> session) {
        rt.started();
        session.ifPresent(s -> affinity.put(s, rt.account().id()));
        return new Lease(rt, clock.millis(), session);
    }

    public Optional<AccountHealth.Snapshot> status(String accountId) {
        return Optional.ofNullable(byId.get(accountId)).map(rt -> rt.health().snapshot());
    }

    /** Operator switch; false when there is no such account. */
    public boolean setEnabled(String accountId, boolean enabled) {
        AccountRuntime rt = byId.get(accountId);
        if (rt == null) {
            return false;
        }
        rt.health().setEnabled(enabled);
        return true;
    }

    /** Every account with its live state, in configuration order. */
    public List<AccountView> list() {
        List<AccountView> out = new ArrayList<>();
        for (AccountRuntime rt : byId.values()) {
            out.add(new AccountView(rt.account(), rt.health().snapshot(), rt.inFlight(), rt.latencyMillis()));
        }
        return out;
    }

    /** An account with its live state, for the admin API and CLI. */
    public record AccountView(Account account, AccountHealth.Snapshot health, int inFlight, double latencyMillis) {
    }

    /** One request's use of an account; report exactly one outcome. */
    public final class Lease {
        private final AccountRuntime rt;
        private final long startMillis;
        private final Optional<String> session;
        private final AtomicBoolean done = new AtomicBoolean();

        private Lease(AccountRuntime rt, long startMillis, Optional<String> session) {
            this.rt = rt;
            this.startMillis = startMillis;
            this.session = session;
        }

        public Account account() {
            return rt.account();
        }

        /** The request succeeded; {@code latencyNanos} to the first byte, {@code tokens} used. */
        public void success(long latencyNanos, long tokens) {
            if (done.compareAndSet(false, true)) {
                rt.health().onSuccess();
                rt.finished(latencyNanos, tokens);
            }
        }

        /** The request failed on this account; the session moves off it unless the fault was the client's. */
        public void failure(FailureKind kind, Optional<Duration> retryAfter, String detail) {
            if (done.compareAndSet(false, true)) {
                rt.health().onFailure(kind, retryAfter, detail);
                rt.finished(-1, 0);
                if (kind != FailureKind.CLIENT) {
                    session.ifPresent(affinity::forget);
                }
            }
        }

        /** Milliseconds since the lease was taken. */
        public long ageMillis() {
            return clock.millis() - startMillis;
        }
    }
}
