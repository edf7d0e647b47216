package dev.llmgateway.tenancy.audit;

import java.time.Instant;
import java.util.Optional;

/** Filters for listing the audit log; every one optional. */
public record AuditQuery(Optional<String> orgId, Optional<String> action, Optional<String> actorId,
                         Optional<String> targetId, Optional<Instant> from, Optional<Instant> to) {

    public static AuditQuery all() {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}
