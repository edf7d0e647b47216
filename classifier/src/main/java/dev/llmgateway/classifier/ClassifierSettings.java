package dev.llmgateway.classifier;

import dev.llmgateway.models.runtime.EncoderSettings;
import java.time.Duration;

/**
 * @param workers platform threads doing inference; one per core, since each inference is single-threaded
 * @param queueCapacity requests allowed to wait for a worker; beyond that callers get "unavailable" at once
 * @param defaultBudget how long {@link Classifier#classify} waits before giving up
 * @param maxTokens tokens the encoder reads (longer prompts are truncated); latency grows with it
 * @param cacheEntries classifications kept by prompt digest (least recently used goes first); 0 = no cache
 */
public record ClassifierSettings(int workers, int queueCapacity, Duration defaultBudget, int maxTokens,
                                 int cacheEntries) {

    /** About 1.6 MB: the entries are mostly 384-float embeddings. */
    public static final int DEFAULT_CACHE_ENTRIES = 1_024;

    public ClassifierSettings {
        if (workers < 1 || queueCapacity < 0 || cacheEntries < 0) {
            throw new IllegalArgumentException("workers must be >= 1, queueCapacity and cacheEntries >= 0");
        }
        if (defaultBudget.isNegative() || defaultBudget.isZero()) {
            throw new IllegalArgumentException("defaultBudget must be positive");
        }
    }

    public static ClassifierSettings defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ClassifierSettings(cores, 4 * cores, Duration.ofMillis(200), EncoderSettings.DEFAULT_MAX_TOKENS,
                DEFAULT_CACHE_ENTRIES);
    }

    /** The same settings with a different cache size (0 switches the cache off, e.g. for load tests). */
    public ClassifierSettings withCacheEntries(int entries) {
        return new ClassifierSettings(workers, queueCapacity, defaultBudget, maxTokens, entries);
    }
}
