package dev.llmgateway.classifier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bounded, least-recently-used map from a prompt's SHA-256 to its classification. Agents and
 * retries send the same prompt again and again; a hit costs a hash instead of an encoder run and
 * never waits for a worker. Keys are digests, so a cache of long prompts stays small (about 1.6 KB
 * per entry, most of it the embedding).
 *
 * <p>Thread-safe. Callers get their own copy of the embedding, as {@link Classification} promises.
 */
final class ClassificationCache {

    private final int capacity;
    private final Map<Key, Classification> entries;

    ClassificationCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0: " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Classification> eldest) {
                return size() > ClassificationCache.this.capacity;
            }
        };
    }

    /** The digest a text is cached under; computed once per request, outside the lock. */
    static Key keyOf(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return new Key(longAt(d, 0), longAt(d, 8), longAt(d, 16), longAt(d, 24));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    Optional<Classification> get(Key key) {
        if (capacity == 0) {
            return Optional.empty();
        }
        Classification hit;
        synchronized (entries) {
            hit = entries.get(key);
        }
        return Optional.ofNullable(hit).map(ClassificationCache::copy);
    }

    void put(Key key, Classification value) {
        if (capacity == 0) {
            return;
        }
        Classification mine = copy(value); // the caller keeps and may change its own array
        synchronized (entries) {
            entries.put(key, mine);
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private static Classification copy(Classification c) {
        return new Classification(c.language(), c.intent(), c.intentConfidence(), c.complexity(),
                c.difficulty(), c.embedding().clone(), c.embeddingModel());
    }

    private static long longAt(byte[] b, int offset) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[offset + i] & 0xff);
        }
        return v;
    }

    record Key(long a, long b, long c, long d) {
    }
}
