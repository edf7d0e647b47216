package dev.llmgateway.router.pool;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which account served a conversation so its next turns go to the same account while it
 * is healthy, keeping the provider's prompt cache warm. Entries expire after {@code ttl} without
 * use; the map is bounded (expired entries are dropped first, then arbitrary ones). Thread-safe.
 */
final class SessionAffinity {

    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    SessionAffinity(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    private record Entry(String accountId, long expiresAtMillis) {
    }

    Optional<String> get(String session) {
        Entry e = entries.get(session);
        if (e == null) {
            return Optional.empty();
        }
        if (e.expiresAtMillis() <= clock.millis()) {
            entries.remove(session, e);
            return Optional.empty();
        }
        return Optional.of(e.accountId());
    }

    void put(String session, String accountId) {
        long now = clock.millis();
        entries.put(session, new Entry(accountId, now + ttl.toMillis()));
        if (entries.size() > maxEntries) {
            entries.values().removeIf(e -> e.expiresAtMillis() <= now);
            var it = entries.keySet().iterator();
            while (entries.size() > maxEntries && it.hasNext()) {
                it.next();
                it.remove();
            }
        }
    }

    void forget(String session) {
        entries.remove(session);
    }

    int size() {
        return entries.size();
    }
}
