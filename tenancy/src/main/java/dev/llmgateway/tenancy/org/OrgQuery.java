package dev.llmgateway.tenancy.org;

import java.time.Instant;
import java.util.Optional;

/** Filters for listing organizations: name contains (case-insensitive), status, creation window. */
public record OrgQuery(Optional<String> name, Optional<String> status, Optional<Instant> createdAfter,
                       Optional<Instant> createdBefore, boolean includeDeleted) {
}
