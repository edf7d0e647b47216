package dev.llmgateway.store;

/** The database could not be opened, migrated or used. Messages never carry a password. */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
