package dev.llmgateway.core.error;

import java.time.Duration;
import java.util.Optional;

/**
 * Base of every error the gateway reports to a client. Unchecked; carries a category (which fixes
 * the HTTP status), a message safe to show the caller (never a secret), an optional parameter
 * name, a machine-readable code and, for rate limits, how long to wait.
 */
public abstract sealed class GatewayException extends RuntimeException
        permits InvalidRequestException, AuthenticationException, PermissionDeniedException,
        NotFoundException, PayloadTooLargeException, RateLimitedException, UpstreamException,
        InternalException {

    private final ErrorCategory category;
    private final String param;
    private final String code;

    protected GatewayException(ErrorCategory category, String message, String param, String code,
                               Throwable cause) {
        super(message, cause, false, cause != null);
        this.category = category;
        this.param = param;
        this.code = code;
    }

    public ErrorCategory category() {
        return category;
    }

    public int status() {
        return category.status();
    }

    public Optional<String> param() {
        return Optional.ofNullable(param);
    }

    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /** How long the caller should wait before retrying, when the gateway knows. */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }
}
