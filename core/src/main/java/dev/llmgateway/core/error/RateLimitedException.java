package dev.llmgateway.core.error;

import java.time.Duration;
import java.util.Optional;

/** Too many requests, from the gateway's own limits or passed on from an upstream. */
public final class RateLimitedException extends GatewayException {

    private final Duration retryAfter;

    public RateLimitedException(String message, String code, Duration retryAfter) {
        super(ErrorCategory.RATE_LIMITED, message, null, code, null);
        this.retryAfter = retryAfter;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
