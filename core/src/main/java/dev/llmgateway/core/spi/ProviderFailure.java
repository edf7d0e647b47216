package dev.llmgateway.core.spi;

import dev.llmgateway.core.error.GatewayException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An upstream call failed. Carries the error the client would see, whether trying again (on the
 * same or another upstream) can help, the wait the upstream asked for, and the upstream's HTTP
 * status (0 when no response arrived).
 */
public final class ProviderFailure extends RuntimeException {

    private final GatewayException clientError;
    private final boolean retryable;
    private final Duration retryAfter;
    private final int upstreamStatus;

    public ProviderFailure(GatewayException clientError, boolean retryable, Duration retryAfter,
                           int upstreamStatus) {
        super(clientError.getMessage(), clientError.getCause(), false, false);
        this.clientError = Objects.requireNonNull(clientError, "clientError");
        this.retryable = retryable;
        this.retryAfter = retryAfter;
        this.upstreamStatus = upstreamStatus;
    }

    public GatewayException clientError() {
        return clientError;
    }

    public boolean retryable() {
        return retryable;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public int upstreamStatus() {
        return upstreamStatus;
    }
}
