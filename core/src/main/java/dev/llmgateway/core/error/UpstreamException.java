package dev.llmgateway.core.error;

import java.time.Duration;
import java.util.Optional;

/**
 * The upstream provider failed: bad gateway (502), unavailable (503) or timed out (504). The
 * message names the provider and the kind of failure, never the upstream's credentials.
 */
public final class UpstreamException extends GatewayException {

    private final Duration retryAfter;

    public UpstreamException(ErrorCategory category, String message, String code, Duration retryAfter,
                             Throwable cause) {
        super(check(category), message, null, code, cause);
        this.retryAfter = retryAfter;
    }

    public UpstreamException(ErrorCategory category, String message, String code) {
        this(category, message, code, null, null);
    }

    private static ErrorCategory check(ErrorCategory category) {
        return switch (category) {
            case UPSTREAM, UNAVAILABLE, TIMEOUT -> category;
            default -> throw new IllegalArgumentException("not an upstream category: " + category);
        };
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
