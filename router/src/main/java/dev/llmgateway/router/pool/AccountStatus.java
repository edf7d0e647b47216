package dev.llmgateway.router.pool;

/** Where an upstream account stands; see {@link AccountHealth} for the transitions. */
public enum AccountStatus {
    /** Takes traffic. */
    HEALTHY,
    /** Rate limited by the provider until a known time; takes no traffic until then. */
    COOLING_DOWN,
    /** Too many failures in the window; takes no traffic until the open period ends. */
    CIRCUIT_OPEN,
    /** The open period ended; one probe request at a time decides between HEALTHY and CIRCUIT_OPEN. */
    HALF_OPEN,
    /** Credentials rejected, or switched off by an operator; only an operator or a passing probe brings it back. */
    DISABLED
}
