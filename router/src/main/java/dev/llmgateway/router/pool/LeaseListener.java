package dev.llmgateway.router.pool;

/**
 * Observes the leases of an {@link AccountPool}: counters for the admin API, metrics later.
 * Contract: called on the request's thread after the pool has updated its own state, so an
 * implementation must be quick and thread-safe; whatever it throws is swallowed, so an observer can
 * never break a request.
 */
public interface LeaseListener {

    /** A request took the account; {@code failover} when the request had already failed on another account. */
    void acquired(Account account, String model, boolean failover);

    /** The request reported success on the account. */
    void succeeded(Account account, String model);

    /**
     * The request reported success on the account after {@code latencyNanos} (to the response, or
     * to a stream's first chunk; negative when unknown). The pool calls this one; by default it is
     * {@link #succeeded(Account, String)}.
     */
    default void succeeded(Account account, String model, long latencyNanos) {
        succeeded(account, model);
    }

    /** The request reported a failure on the account. */
    void failed(Account account, String model, FailureKind kind);
}
