package dev.llmgateway.core.error;

/** The request body is larger than the configured limit. */
public final class PayloadTooLargeException extends GatewayException {

    public PayloadTooLargeException(String message) {
        this(message, null, null);
    }

    public PayloadTooLargeException(String message, String param, String code) {
        super(ErrorCategory.PAYLOAD_TOO_LARGE, message, param, code, null);
    }
}
