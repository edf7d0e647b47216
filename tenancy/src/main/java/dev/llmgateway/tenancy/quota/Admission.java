package dev.llmgateway.tenancy.quota;

import java.time.Duration;

/** Whether a request may go ahead under its organization's and key's limits. */
public sealed interface Admission {

    /** Go ahead; record the usage against {@code reservation} when the request completes. */
    record Admitted(Reservation reservation) implements Admission {
    }

    /**
     * Refused: {@code message} names the limit and the period (for the caller);
     * {@code retryAfter} is the time until that period ends.
     */
    record Refused(String message, Duration retryAfter) implements Admission {
    }
}
