package dev.llmgateway.tenancy.user;

import dev.llmgateway.tenancy.Role;
import java.time.Instant;
import java.util.Optional;

/** A person who can log in to the admin API; platform admins have no organization. */
public record User(String id, Optional<String> orgId, String email, Optional<String> name, Role role, String status,
                   Optional<Instant> lockedUntil, Optional<Instant> lastLoginAt, Instant createdAt,
                   Instant updatedAt) {
}
