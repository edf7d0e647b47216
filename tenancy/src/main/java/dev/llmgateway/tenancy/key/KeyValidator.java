package dev.llmgateway.tenancy.key;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.llmgateway.security.keys.ApiKeys;
import dev.llmgateway.store.Database;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Checks a presented client key on every request. The key's row and its organization's state are
 * cached by the SHA-256 of the presented secret (bounded; entries also expire after
 * {@link #ENTRY_TTL} as a safety net), and unknown secrets are cached briefly so a flood of wrong
 * keys does not reach the database. Expiry, grace periods and networks are judged on each call
 * against the clock, so only changes need invalidating: {@link ClientKeys} does so at once on this
 * instance, {@link KeyCacheSync} from the change feed on every other.
 *
 * <p>A load racing an invalidation could put a stale row back; an invalidation counter read before
 * and after the load catches that and drops the entry again. Last use is noted at most once a
 * minute per key and written by {@link #flushLastUsed()} off the request path. Thread-safe.
 */
public final class KeyValidator {

    static final Duration ENTRY_TTL = Duration.ofMinutes(5);
    static final Duration UNKNOWN_TTL = Duration.ofSeconds(30);
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    static final int MAX_ENTRIES = 100_000;
    private static final Logger LOG = Logger.getLogger(KeyValidator.class.getName());

    /** A looked-up key with what the checks need ready. */
    private record Entry(KeyRepository.Found found, List<Cidr> cidrs) {
        static Entry of(KeyRepository.Found f) {
            List<Cidr> cidrs = f.key().settings().allowedCidrs().stream()
                    .map(c -> Cidr.parse(c).cidr().orElseThrow(() -> new IllegalStateException("stored bad CIDR")))
                    .toList();
            return new Entry(f, cidrs);
        }

        ClientKey key() {
            return found.key();
        }
    }

    private final KeyRepository repo;
    private final Clock clock;
    private final Cache<String, Entry> known = Caffeine.newBuilder().maximumSize(MAX_ENTRIES)
            .expireAfterWrite(ENTRY_TTL).build();
    private final Cache<String, Boolean> unknown = Caffeine.newBuilder().maximumSize(MAX_ENTRIES)
            .expireAfterWrite(UNKNOWN_TTL).build();
    private final Cache<String, Instant> touched = Caffeine.newBuilder().maximumSize(MAX_ENTRIES)
            .expireAfterWrite(TOUCH_EVERY).build();
    private final Map<String, Instant> pendingTouches = new ConcurrentHashMap<>();
    private final AtomicLong invalidations = new AtomicLong();

    public KeyValidator(Database db, Clock clock) {
        this.repo = new KeyRepository(db);
        this.clock = clock;
    }

    /** Whether {@code presented} may be used now by a caller at {@code from}. */
    public KeyCheck check(String presented, InetAddress from) {
        String hash = ApiKeys.hash(presented);
        Optional<Entry> entry = lookup(hash);
        if (entry.isEmpty()) {
            return KeyCheck.Refused.of(Refusal.UNKNOWN);
        }
        Instant now = clock.instant();
        Optional<KeyCheck.Refused> refused = refusal(entry.get(), now, from);
        if (refused.isPresent()) {
            return refused.get();
        }
        ClientKey key = entry.get().key();
        if (touched.asMap().putIfAbsent(key.id(), now) == null) {
            pendingTouches.put(key.id(), now);
        }
        return new KeyCheck.Accepted(key, key.identity());
    }

    /** Drops every cached entry of the key (after it changed). */
    public void invalidateKey(String keyId) {
        invalidations.incrementAndGet();
        known.asMap().values().removeIf(e -> e.key().id().equals(keyId));
        unknown.invalidateAll();
    }

    /** Drops every cached key of the organization (after the organization changed). */
    public void invalidateOrg(String orgId) {
        invalidations.incrementAndGet();
        known.asMap().values().removeIf(e -> e.key().orgId().equals(orgId));
        unknown.invalidateAll();
    }

    /** Writes the noted last uses; called by the cache-sync thread. */
    public void flushLastUsed() {
        for (Map.Entry<String, Instant> e : pendingTouches.entrySet()) {
            if (pendingTouches.remove(e.getKey(), e.getValue())) {
                try {
                    repo.touch(e.getKey(), e.getValue());
                } catch (RuntimeException ex) {
                    LOG.log(Level.FINE, "could not note the last use of key " + e.getKey(), ex);
                }
            }
        }
    }

    /** How many secrets are cached, known and unknown (for tests and metrics). */
    long cachedEntries() {
        return known.estimatedSize() + unknown.estimatedSize();
    }

    private Optional<Entry> lookup(String hash) {
        Entry cached = known.getIfPresent(hash);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (unknown.getIfPresent(hash) != null) {
            return Optional.empty();
        }
        long seen = invalidations.get();
        Optional<Entry> loaded = repo.lookup(hash).map(Entry::of);
        if (loaded.isPresent()) {
            known.put(hash, loaded.get());
        } else {
            unknown.put(hash, Boolean.TRUE);
        }
        if (invalidations.get() != seen) {
            // an invalidation ran while we read: what we read may predate it
            known.invalidate(hash);
            unknown.invalidate(hash);
        }
        return loaded;
    }

    private static Optional<KeyCheck.Refused> refusal(Entry entry, Instant now, InetAddress from) {
        ClientKey key = entry.key();
        KeyRepository.Match match = entry.found().match();
        if (key.deletedAt().isPresent()) {
            return refused(Refusal.REVOKED);
        }
        if (match == KeyRepository.Match.RETIRED || (match == KeyRepository.Match.PREVIOUS
                && key.previousValidUntil().filter(now::isBefore).isEmpty())) {
            return refused(Refusal.ROTATED);
        }
        switch (key.status(now)) {
            case DISABLED -> {
                return refused(Refusal.DISABLED);
            }
            case EXPIRED -> {
                return Optional.of(new KeyCheck.Refused(Refusal.EXPIRED, "This API key expired at "
                        + key.settings().expiresAt().orElseThrow() + "; ask an administrator of your organization "
                        + "for a new key or a later expiry."));
            }
            case ACTIVE -> {
                // checked further below
            }
        }
        if (!entry.found().orgActive()) {
            return refused(Refusal.ORG_DISABLED);
        }
        if (!Cidr.anyContains(entry.cidrs(), from)) {
            return Optional.of(new KeyCheck.Refused(Refusal.IP_NOT_ALLOWED, "This API key may not be used from "
                    + from.getHostAddress() + "; an administrator of your organization sets its allowed networks."));
        }
        return Optional.empty();
    }

    private static Optional<KeyCheck.Refused> refused(Refusal r) {
        return Optional.of(KeyCheck.Refused.of(r));
    }
}
