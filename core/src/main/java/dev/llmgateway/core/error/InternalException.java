package dev.llmgateway.core.error;

/** A defect in the gateway; the message never carries internals. */
public final class InternalException extends GatewayException {

    public InternalException(String message) {
        this(message, null, null);
    }

    public InternalException(String message, String param, String code) {
        super(ErrorCategory.INTERNAL, message, param, code, null);
    }
}
