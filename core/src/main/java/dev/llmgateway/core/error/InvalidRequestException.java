package dev.llmgateway.core.error;

/** The request is malformed or a field is invalid. */
public final class InvalidRequestException extends GatewayException {

    public InvalidRequestException(String message) {
        this(message, null, null);
    }

    public InvalidRequestException(String message, String param, String code) {
        super(ErrorCategory.INVALID_REQUEST, message, param, code, null);
    }
}
