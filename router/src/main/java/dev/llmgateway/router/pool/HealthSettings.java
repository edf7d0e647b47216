package dev.llmgateway.router.pool;

import java.time.Duration;

/**
 * Thresholds of {@link AccountHealth}: the circuit opens after {@code failureThreshold} server
 * failures within {@code failureWindow} and stays open for {@code openDuration}; a rate limit with
 * no announced reset cools the account down for {@code baseCooldown}, doubling on each consecutive
 * rate limit up to {@code maxCooldown}.
 */
public record HealthSettings(int failureThreshold, Duration failureWindow, Duration openDuration,
                             Duration baseCooldown, Duration maxCooldown) {

    public static HealthSettings defaults() {
        return new HealthSettings(5, Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofMinutes(5));
    }
}
