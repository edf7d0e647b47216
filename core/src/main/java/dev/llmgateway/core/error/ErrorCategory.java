package dev.llmgateway.core.error;

/**
 * What went wrong, independent of the client's dialect. Each category has one HTTP status; each
 * dialect's codec maps a category to its own error type names.
 */
public enum ErrorCategory {
    INVALID_REQUEST(400),
    AUTHENTICATION(401),
    PERMISSION(403),
    NOT_FOUND(404),
    PAYLOAD_TOO_LARGE(413),
    RATE_LIMITED(429),
    INTERNAL(500),
    UPSTREAM(502),
    UNAVAILABLE(503),
    TIMEOUT(504);

    private final int status;

    ErrorCategory(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
