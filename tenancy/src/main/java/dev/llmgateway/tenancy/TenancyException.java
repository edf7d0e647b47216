package dev.llmgateway.tenancy;

/**
 * A tenancy operation that cannot be done, with the HTTP status the admin API answers and a
 * stable machine-readable code. Messages are written for the caller and never carry secrets.
 */
public final class TenancyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The kinds of failure, each with its HTTP status and error type. */
    public enum Kind {
        INVALID(400, "invalid_request_error"),
        UNAUTHENTICATED(401, "authentication_error"),
        FORBIDDEN(403, "permission_error"),
        NOT_FOUND(404, "not_found_error"),
        CONFLICT(409, "conflict_error"),
        LOCKED(423, "locked_error"),
        LIMIT(429, "rate_limit_error");

        private final int status;
        private final String type;

        Kind(int status, String type) {
            this.status = status;
            this.type = type;
        }

        public int status() {
            return status;
        }

        public String type() {
            return type;
        }
    }

    private final Kind kind;
    private final String code;
    private final String param;
    private final long retryAfterSeconds;

    public TenancyException(Kind kind, String code, String message, String param) {
        this(kind, code, message, param, -1);
    }

    private TenancyException(Kind kind, String code, String message, String param, long retryAfterSeconds) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.param = param;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The same failure, telling the caller when trying again makes sense (the Retry-After header). */
    public TenancyException retryAfter(long seconds) {
        return new TenancyException(kind, code, getMessage(), param, seconds);
    }

    /** Seconds to wait before trying again, when known. */
    public java.util.OptionalLong retryAfterSeconds() {
        return retryAfterSeconds < 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(retryAfterSeconds);
    }

    public static TenancyException invalid(String param, String message) {
        return new TenancyException(Kind.INVALID, "invalid_" + param.replace('.', '_'), message, param);
    }

    public static TenancyException notFound(String what, String id) {
        return new TenancyException(Kind.NOT_FOUND, what.replace(' ', '_') + "_not_found",
                "No " + what + " '" + id + "'.", null);
    }

    public static TenancyException forbidden(String message) {
        return new TenancyException(Kind.FORBIDDEN, "forbidden", message, null);
    }

    public static TenancyException conflict(String code, String message) {
        return new TenancyException(Kind.CONFLICT, code, message, null);
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return kind.status();
    }

    public String code() {
        return code;
    }

    /** The request field at fault, when there is one. */
    public java.util.Optional<String> param() {
        return java.util.Optional.ofNullable(param);
    }
}
