package dev.llmgateway.tenancy.org;

import java.time.Instant;
import java.util.Optional;

/** A team or department inside an organization, for cost allocation; keys may belong to one. */
public record Team(String id, String orgId, String name, Optional<String> description, Instant createdAt,
                   Instant updatedAt) {
}
