package dev.llmgateway.core.error;

/** The caller's key is missing or not valid. */
public final class AuthenticationException extends GatewayException {

    public AuthenticationException(String message) {
        this(message, null, null);
    }

    public AuthenticationException(String message, String param, String code) {
        super(ErrorCategory.AUTHENTICATION, message, param, code, null);
    }
}
