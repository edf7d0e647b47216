package dev.llmgateway.tenancy;

import java.time.Duration;

/**
 * Tunables of tenancy ({@code tenancy.*} in the gateway configuration; defaults in
 * docs/configuration.md).
 *
 * @param sessionTtl          how long an admin login session lasts
 * @param maxFailedLogins     failed passwords in a row that lock a user out
 * @param lockout             how long a lock-out lasts
 * @param rotationGrace       how long a rotated key's old secret keeps working, unless the call says otherwise
 * @param invitationTtl       how long an invitation can be accepted
 * @param cacheSync           how often this instance reads the change feed to drop stale cached keys
 */
public record TenancySettings(Duration sessionTtl, int maxFailedLogins, Duration lockout, Duration rotationGrace,
                              Duration invitationTtl, Duration cacheSync) {

    public static TenancySettings defaults() {
        return new TenancySettings(Duration.ofHours(12), 5, Duration.ofMinutes(15), Duration.ofHours(24),
                Duration.ofDays(7), Duration.ofSeconds(2));
    }
}
