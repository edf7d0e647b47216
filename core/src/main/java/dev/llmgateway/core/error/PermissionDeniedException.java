package dev.llmgateway.core.error;

/** The caller's key may not do this (for example, use this model). */
public final class PermissionDeniedException extends GatewayException {

    public PermissionDeniedException(String message) {
        this(message, null, null);
    }

    public PermissionDeniedException(String message, String param, String code) {
        super(ErrorCategory.PERMISSION, message, param, code, null);
    }
}
