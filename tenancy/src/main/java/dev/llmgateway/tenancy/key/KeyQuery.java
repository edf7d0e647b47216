package dev.llmgateway.tenancy.key;

import java.time.Instant;
import java.util.Optional;

/**
 * Filters for listing an organization's keys; every one optional.
 *
 * @param nameContains  case-insensitive part of the name
 * @param createdAfter  created at or after
 * @param createdBefore created before
 */
public record KeyQuery(Optional<String> nameContains, Optional<KeyStatus> status, Optional<Instant> createdAfter,
                       Optional<Instant> createdBefore, Optional<String> teamId) {

    public static KeyQuery all() {
        return new KeyQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
