package dev.llmgateway.router.pool;

import dev.llmgateway.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountHealthTest {

    private final MutableClock clock = new MutableClock();
    private final List<AccountHealth.StatusChange> changes = new ArrayList<>();
    private final AccountHealth health = new AccountHealth("a1", new HealthSettings(3, Duration.ofSeconds(60),
            Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(40)), clock, changes::add);

    @Test
    void rateLimited_withAnnouncedReset_coolsDownUntilExactlyThen() {
        health.onFailure(FailureKind.RATE_LIMITED, Optional.of(Duration.ofSeconds(12)), "429");

        assertEquals(AccountStatus.COOLING_DOWN, health.snapshot().status());
        clock.advance(Duration.ofMillis(11_999));
        assertFalse(health.tryAcquire());
        clock.advance(Duration.ofMillis(1));
        assertTrue(health.tryAcquire());
        assertEquals(AccountStatus.HEALTHY, health.snapshot().status());
    }

    @Test
    void rateLimited_withoutReset_backsOffExponentiallyUpToTheCap() {
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            health.onFailure(FailureKind.RATE_LIMITED, Optional.empty(), "429");
            Duration left = Duration.between(clock.instant(), health.snapshot().until().orElseThrow());
            waits.add(left.toSeconds());
            clock.advance(left);
            assertTrue(health.tryAcquire());
        }
        assertEquals(List.of(5L, 10L, 20L, 40L, 40L), waits);
    }

    @Test
    void serverFailures_belowThreshold_keepTheAccountHealthy() {
        health.onFailure(FailureKind.SERVER, Optional.empty(), "500");
        health.onFailure(FailureKind.SERVER, Optional.empty(), "500");
        assertEquals(AccountStatus.HEALTHY, health.snapshot().status());
    }

    @Test
    void serverFailures_spreadBeyondTheWindow_doNotOpenTheCircuit() {
        for (int i = 0; i < 5; i++) {
            health.onFailure(FailureKind.SERVER, Optional.empty(), "500");
            clock.advance(Duration.ofSeconds(31));
        }
        assertEquals(AccountStatus.HEALTHY, health.snapshot().status());
    }

    @Test
    void serverFailures_atThreshold_openTheCircuit_thenOneProbeDecides() {
        for (int i = 0; i < 3; i++) {
            health.onFailure(FailureKind.SERVER, Optional.empty(), "500");
        }
        assertEquals(AccountStatus.CIRCUIT_OPEN, health.snapshot().status());
        assertFalse(health.tryAcquire());

        clock.advance(Duration.ofSeconds(30));
        assertTrue(health.tryAcquire(), "the first request after the open period is the probe");
        assertFalse(health.tryAcquire(), "only one probe at a time");
        health.onFailure(FailureKind.SERVER, Optional.empty(), "500 again");
        assertEquals(AccountStatus.CIRCUIT_OPEN, health.snapshot().status());

        clock.advance(Duration.ofSeconds(30));
        assertTrue(health.tryAcquire());
        health.onSuccess();
        assertEquals(AccountStatus.HEALTHY, health.snapshot().status());
        assertTrue(health.tryAcquire());
    }

    @Test
    void credentialsRejected_disables_andAPassingProbeRecovers() {
        health.onFailure(FailureKind.CREDENTIALS, Optional.empty(), "401");
        assertEquals(AccountStatus.DISABLED, health.snapshot().status());
        assertFalse(health.tryAcquire());
        assertTrue(health.probeWorthy());

        health.onSuccess();
        assertEquals(AccountStatus.HEALTHY, health.snapshot().status());
    }

    @Test
    void disabledByOperator_isNotRecoveredByProbes_onlyByEnabling() {
        health.setEnabled(false);
        assertFalse(health.probeWorthy());
        health.onSuccess();
        assertEquals(AccountStatus.DISABLED, health.snapshot().status());
        health.setEnabled(true);
        assertEquals(AccountStatus.HEALTHY, health.snapshot().status());
    }

    @Test
    void clientErrors_sayNothingAboutTheAccount() {
        for (int i = 0; i < 10; i++) {
            health.onFailure(FailureKind.CLIENT, Optional.empty(), "400");
        }
        assertEquals(AccountStatus.HEALTHY, health.snapshot().status());
    }

    @Test
    void everyStatusChange_isReportedWithItsReason() {
        health.onFailure(FailureKind.RATE_LIMITED, Optional.of(Duration.ofSeconds(1)), "429");
        clock.advance(Duration.ofSeconds(1));
        health.tryAcquire();

        assertEquals(2, changes.size());
        assertEquals(AccountStatus.COOLING_DOWN, changes.get(0).to());
        assertTrue(changes.get(0).reason().contains("rate limited"));
        assertEquals(AccountStatus.HEALTHY, changes.get(1).to());
    }
}
