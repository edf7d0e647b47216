package dev.llmgateway.security.secrets;

/** A stored secret or master key that cannot be used. The message never contains secret material. */
public final class SecretException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SecretException(String message) {
        super(message, null, false, false);
    }
}
