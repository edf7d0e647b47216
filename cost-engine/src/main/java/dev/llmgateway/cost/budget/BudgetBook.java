package dev.llmgateway.cost.budget;

import dev.llmgateway.tenancy.Changes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This instance's copy of every live budget, indexed by what it caps, so a request without budgets
 * costs no database round trip. Reloaded at once after a change on this instance, when the change
 * feed reports a budget change made anywhere, and at the latest after the TTL. Thread-safe.
 */
final class BudgetBook {

    private static final Logger LOG = Logger.getLogger(BudgetBook.class.getName());
    private static final int BATCH = 500;

    private record ScopeKey(BudgetScope scope, String id) {
    }

    private final BudgetStore store;
    private final Changes changes;
    private final Clock clock;
    private final Duration ttl;
    private volatile Map<ScopeKey, List<Budget>> byScope = Map.of();
    private volatile Map<String, Budget> byId = Map.of();
    private volatile Instant loadedAt = Instant.MIN;
    private long seenSeq;

    BudgetBook(BudgetStore store, Changes changes, Clock clock, Duration ttl) {
        this.store = store;
        this.changes = changes;
        this.clock = clock;
        this.ttl = ttl;
        this.seenSeq = changes.latest();
        reload();
    }

    /** The budgets that apply to {@code who}, ordered by id (the lock order). */
    List<Budget> applicable(Requester who) {
        if (clock.instant().isAfter(loadedAt.plus(ttl))) {
            reloadIfStale();
        }
        Map<ScopeKey, List<Budget>> map = byScope;
        if (map.isEmpty()) {
            return List.of();
        }
        List<Budget> found = new ArrayList<>(2);
        for (BudgetScope s : BudgetScope.values()) {
            String id = who.idIn(s);
            if (!id.isEmpty()) {
                found.addAll(map.getOrDefault(new ScopeKey(s, id), List.of()));
            }
        }
        // an organization budget must match the organization too (ids never collide, but be exact)
        found.removeIf(b -> !b.orgId().equals(who.orgId()));
        found.sort(Comparator.comparing(Budget::id));
        return found;
    }

    /** The live budget {@code id} as last loaded. */
    java.util.Optional<Budget> byId(String id) {
        return java.util.Optional.ofNullable(byId.get(id));
    }

    /** Reloads once when the copy is past its TTL, however many requests notice it at the same time. */
    private synchronized void reloadIfStale() {
        if (clock.instant().isAfter(loadedAt.plus(ttl))) {
            reload();
        }
    }

    synchronized void reload() {
        Map<ScopeKey, List<Budget>> map = new HashMap<>();
        Map<String, Budget> ids = new HashMap<>();
        for (Budget b : store.all()) {
            map.computeIfAbsent(new ScopeKey(b.scope(), b.scopeId()), k -> new ArrayList<>()).add(b);
            ids.put(b.id(), b);
        }
        byScope = Map.copyOf(map);
        byId = Map.copyOf(ids);
        loadedAt = clock.instant();
    }

    /** Reads the change feed from where it was last read and reloads when a budget changed. */
    synchronized void sync() {
        try {
            boolean changed = false;
            List<Changes.Change> batch;
            do {
                batch = changes.since(seenSeq, BATCH);
                for (Changes.Change c : batch) {
                    changed |= c.entity() == Changes.Entity.BUDGET;
                    seenSeq = c.seq();
                }
            } while (batch.size() == BATCH);
            if (changed) {
                reload();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot read the change feed for budgets; they reload by age meanwhile", e);
        }
    }
}
