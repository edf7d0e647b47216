package dev.llmgateway.models.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs work over items 0..n-1 on one thread per core, each thread with its own session (DJL
 * predictors are not thread-safe): thread t takes items t, t + threads, t + 2 × threads, ….
 */
final class PerCore {

    /** What one thread does with item {@code i} in its {@code session}. */
    @FunctionalInterface
    interface Work<S> {
        void apply(S session, int i) throws Exception;
    }

    private PerCore() {
    }

    static <S extends AutoCloseable> void run(int n, Supplier<S> sessions, Work<S> work, String what) {
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                parts.add(pool.submit(() -> {
                    try (S session = sessions.get()) {
                        for (int i = offset; i < n; i += threads) {
                            work.apply(session, i);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(what + " failed", e);
        } finally {
            pool.shutdown();
        }
    }
}
