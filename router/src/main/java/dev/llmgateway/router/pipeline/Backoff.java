package dev.llmgateway.router.pipeline;

import dev.llmgateway.core.spi.Deadline;
import dev.llmgateway.core.spi.ProviderFailure;
import dev.llmgateway.router.config.GatewayConfig;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try again: exponential backoff with jitter, or exactly the wait the upstream asked for.
 * Gives up (returns -1) when the failure is not retryable, the attempts are used up, the upstream
 * asks for a longer wait than {@code max-retry-after}, or the wait would pass the deadline.
 */
public class Backoff {

    private final GatewayConfig.Retry settings;

    public Backoff(GatewayConfig.Retry settings) {
        this.settings = settings;
    }

    public int maxAttempts() {
        return settings.maxAttempts();
    }

    /** Milliseconds to wait before attempt {@code attemptsSoFar + 1}, or -1 to give up. */
    public long delayBeforeRetry(int attemptsSoFar, ProviderFailure failure, Deadline deadline) {
        if (!failure.retryable() || attemptsSoFar >= settings.maxAttempts()) {
            return -1;
        }
        Duration wait;
        if (failure.retryAfter().isPresent()) {
            wait = failure.retryAfter().get();
            if (wait.compareTo(settings.maxRetryAfter()) > 0) {
                return -1;
            }
        } else {
            long base = settings.initialBackoff().toMillis() << Math.min(attemptsSoFar - 1, 20);
            long capped = Math.min(base, settings.maxBackoff().toMillis());
            long jitter = capped / 5;
            wait = Duration.ofMillis(capped - jitter + ThreadLocalRandom.current().nextLong(2 * jitter + 1));
        }
        if (wait.compareTo(deadline.remaining()) >= 0) {
            return -1;
        }
        return wait.toMillis();
    }

    /** Sleeps on the request's (virtual) thread. */
    public void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
