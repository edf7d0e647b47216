package dev.llmgateway.classifier;

import java.time.Duration;

/**
 * @param workers platform threads doing inference; one per core, since each inference is single-threaded
 * @param queueCapacity requests allowed to wait for a worker; beyond that callers get "unavailable" at once
 * @param defaultBudget how long {@link Classifier#classify} waits before giving up
 * @param maxTokens tokens the encoder reads (longer prompts are truncated); latency grows with it
 */
public record ClassifierSettings(int workers, int queueCapacity, Duration defaultBudget, int maxTokens) {

    public ClassifierSettings {
        if (workers < 1 || queueCapacity < 0) {
            throw new IllegalArgumentException("workers must be >= 1 and queueCapacity >= 0");
        }
        if (defaultBudget.isNegative() || defaultBudget.isZero()) {
            throw new IllegalArgumentException("defaultBudget must be positive");
        }
    }

    public static ClassifierSettings defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ClassifierSettings(cores, 4 * cores, Duration.ofMillis(200), 256);
    }
}
