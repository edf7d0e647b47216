package dev.llmgateway.tenancy.quota;

import dev.llmgateway.store.Database;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.Changes;
import dev.llmgateway.tenancy.Role;
import dev.llmgateway.tenancy.TenancyException;
import dev.llmgateway.tenancy.audit.AuditEntry;
import dev.llmgateway.tenancy.audit.AuditLog;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Limits (quotas) of organizations and keys: requests, tokens and cost per calendar month or year
 * (UTC). Admins set them ({@link #setOrgLimits}, {@link #setKeyLimits}); the gateway asks
 * {@link #admit} before a request is sent upstream and {@link #record}s its use afterwards (see
 * {@link QuotaEnforcer} for what is exact and what may overshoot). Limits are cached per scope and
 * the cache follows the change feed. Thread-safe; {@link #close()} stops the feed reader.
 */
public final class Quotas implements AutoCloseable {

    /** How long cached limits are trusted without the change feed saying otherwise. */
    public static final Duration CACHE_TTL = Duration.ofSeconds(30);

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;
    private final QuotaStore store;
    private final QuotaCache cache;
    private final QuotaEnforcer enforcer;
    private final ScheduledExecutorService sync;

    /** {@code cacheSync}: how often the change feed is read; zero reads it only on {@link #syncChanges()}. */
    public Quotas(Database db, AuditLog audit, Changes changes, Clock clock, Duration cacheSync) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.store = new QuotaStore(db);
        this.cache = new QuotaCache(changes, CACHE_TTL);
        this.enforcer = new QuotaEnforcer(db, store, cache, clock);
        if (cacheSync.isZero() || cacheSync.isNegative()) {
            this.sync = null;
        } else {
            this.sync = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                    .name("llmgw-quota-sync").unstarted(r));
            sync.scheduleWithFixedDelay(cache::sync, cacheSync.toMillis(), cacheSync.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public LimitSet orgLimits(Actor actor, String org) {
        actor.require(org, Role.VIEWER, "read limits");
        requireOrg(org);
        return store.limits(Scope.org(org));
    }

    public LimitSet keyLimits(Actor actor, String org, String key) {
        actor.require(org, Role.VIEWER, "read limits");
        requireOrg(org);
        if (!store.keyExists(db.execute(), org, key)) {
            throw TenancyException.notFound("key", key);
        }
        return store.limits(Scope.key(key));
    }

    /** Applies {@code change} to the organization's limits (org admins and up); audited. */
    public LimitSet setOrgLimits(Actor actor, String org, LimitChange change) {
        actor.require(org, Role.ADMIN, "set limits");
        return update(actor, org, Scope.org(org), change);
    }

    /** Applies {@code change} to one key's limits (admins of the key's organization and up); audited. */
    public LimitSet setKeyLimits(Actor actor, String org, String key, LimitChange change) {
        actor.require(org, Role.ADMIN, "set limits");
        return update(actor, org, Scope.key(key), change);
    }

    /** The organization's and its limited keys' counters for the current month and year, with their limits. */
    public UsageReport usage(Actor actor, String org) {
        actor.require(org, Role.VIEWER, "read usage");
        requireOrg(org);
        Instant now = clock.instant();
        List<UsageReport.ScopeUsage> scopes = new ArrayList<>();
        scopes.add(scopeUsage(Scope.org(org), now));
        for (String key : store.limitedKeys(org)) {
            scopes.add(scopeUsage(Scope.key(key), now));
        }
        return new UsageReport(org, now, scopes);
    }

    /**
     * Whether a request by {@code keyId} of {@code orgId} may go ahead (either may be empty: no such
     * scope). Scopes without limits cost no database round trip once their (empty) limits are cached.
     */
    public Admission admit(String orgId, String keyId) {
        List<LimitSet> scopes = new ArrayList<>(2);
        if (!orgId.isEmpty()) {
            scopes.add(cache.limits(Scope.org(orgId), store::limits));
        }
        if (!keyId.isEmpty()) {
            scopes.add(cache.limits(Scope.key(keyId), store::limits));
        }
        return enforcer.admit(scopes);
    }

    /** Adds a completed request's tokens and exact cost to what it was admitted under; never throws. */
    public void record(Reservation reservation, long tokens, BigDecimal cost) {
        enforcer.record(reservation, tokens, cost);
    }

    /** Reads the change feed now and drops cached limits that changed (the background reader does this too). */
    public void syncChanges() {
        cache.sync();
    }

    @Override
    public void close() {
        if (sync != null) {
            sync.shutdownNow();
        }
    }

    private LimitSet update(Actor actor, String org, Scope scope, LimitChange change) {
        Instant now = clock.instant();
        LimitSet result = db.transaction(tx -> {
            // the organization's row lock serialises concurrent changes of its limits and its keys' limits
            if (!store.orgExists(tx, org, true)) {
                throw TenancyException.notFound("organization", org);
            }
            if (scope.type() == Scope.Type.KEY && !store.keyExists(tx, org, scope.id())) {
                throw TenancyException.notFound("key", scope.id());
            }
            LimitSet before = store.limits(tx, scope);
            LimitSet after = before.apply(change, now);
            if (after.values().equals(before.values())) {
                return before;
            }
            store.write(tx, before, after, now);
            Changes.record(tx, Changes.Entity.QUOTA, scope.id(), now);
            audit.append(tx, auditEntry(actor, org, before, after));
            return after;
        });
        cache.invalidate(scope);
        return result;
    }

    private static AuditEntry auditEntry(Actor actor, String org, LimitSet before, LimitSet after) {
        Scope scope = after.scope();
        AuditEntry entry = AuditEntry.of(actor, "quota.update", scope.type().wire(), scope.id()).inOrg(org);
        for (Slot slot : Slot.ALL) {
            Optional<BigDecimal> was = before.get(slot);
            Optional<BigDecimal> now = after.get(slot);
            if (!was.equals(now)) {
                entry = entry.changed(slot.field(), was.map(BigDecimal::toPlainString).orElse(null),
                        now.map(BigDecimal::toPlainString).orElse(null));
            }
        }
        return entry;
    }

    private UsageReport.ScopeUsage scopeUsage(Scope scope, Instant now) {
        LimitSet limits = store.limits(scope);
        List<UsageReport.PeriodUsage> periods = new ArrayList<>();
        for (Period p : Period.values()) {
            String key = p.key(now);
            UsageCounters used = store.counters(new Reservation.Row(scope, key)).orElse(UsageCounters.ZERO);
            periods.add(new UsageReport.PeriodUsage(p, key, p.start(now), p.end(now), used, limits));
        }
        return new UsageReport.ScopeUsage(scope, periods);
    }

    private void requireOrg(String org) {
        if (!store.orgExists(db.execute(), org, false)) {
            throw TenancyException.notFound("organization", org);
        }
    }
}
