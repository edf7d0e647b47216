package dev.llmgateway.tenancy.org;

import java.time.Instant;
import java.util.Optional;

/** An organization: every client key and user belongs to one. {@code status} is active or disabled. */
public record Organization(String id, String name, Optional<String> description, String status, Instant createdAt,
                           Instant updatedAt, Optional<Instant> deletedAt) {

    public boolean active() {
        return status.equals("active") && deletedAt.isEmpty();
    }
}
