package dev.llmgateway.router.pool;

/** How an upstream failure counts against the account that produced it. */
public enum FailureKind {
    /** The provider rejected the account's credentials (401/403): disable at once. */
    CREDENTIALS,
    /** The provider rate limited the account (429): cool down until the announced reset. */
    RATE_LIMITED,
    /** 5xx, resets, timeouts: count towards the circuit breaker. */
    SERVER,
    /** The request itself was at fault (400, 404, 413): says nothing about the account. */
    CLIENT
}
