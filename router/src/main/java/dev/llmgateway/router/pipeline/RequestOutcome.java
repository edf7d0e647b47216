package dev.llmgateway.router.pipeline;

import dev.llmgateway.core.auth.ClientIdentity;
import dev.llmgateway.core.chat.Usage;
import dev.llmgateway.core.route.Target;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How one request ended, as {@link CompletionListener}s are told: who asked, which upstream model
 * answered, the last usage the upstream reported (empty when it reported none, for example a
 * stream cut before its usage event), the HTTP status sent, and how it ended.
 */
public record RequestOutcome(String requestId, Optional<ClientIdentity> caller, Optional<Target> servedBy,
                             Optional<Usage> usage, int status, Ending ending, Instant finishedAt,
                             java.time.Duration elapsed, String account) {

    /** How the request ended. */
    public enum Ending {
        /** The answer was sent in full. */
        COMPLETED,
        /** Refused or failed before an answer began (an error response). */
        FAILED,
        /** A stream that began and then broke (the upstream failed mid-stream). */
        BROKEN,
        /** The client went away before the answer was complete. */
        CANCELLED
    }

    public RequestOutcome {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(servedBy, "servedBy");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(ending, "ending");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(account, "account");
    }

    /** An outcome whose duration is not known. */
    public RequestOutcome(String requestId, Optional<ClientIdentity> caller, Optional<Target> servedBy,
                          Optional<Usage> usage, int status, Ending ending, Instant finishedAt) {
        this(requestId, caller, servedBy, usage, status, ending, finishedAt, java.time.Duration.ZERO, "");
    }

    /** Total tokens reported (prompt including cached, completion including reasoning); 0 when none. */
    public long totalTokens() {
        return usage.map(Usage::totalTokens).orElse(0L);
    }
}
