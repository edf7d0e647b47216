package dev.llmgateway.core.error;

/** The model, route or resource does not exist. */
public final class NotFoundException extends GatewayException {

    public NotFoundException(String message) {
        this(message, null, null);
    }

    public NotFoundException(String message, String param, String code) {
        super(ErrorCategory.NOT_FOUND, message, param, code, null);
    }
}
