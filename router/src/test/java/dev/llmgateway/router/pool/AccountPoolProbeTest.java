package dev.llmgateway.router.pool;

import dev.llmgateway.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pool's hooks for the admin API: lease listeners, probe outcomes and which accounts need probing. */
class AccountPoolProbeTest {

    private final MutableClock clock = new MutableClock();
    private final AccountPool pool = new AccountPool(
            List.of(new Account("p/a", "a", "p", List.of(), 1, 1, Account.Limits.NONE),
                    new Account("p/b", "b", "p", List.of(), 1, 2, Account.Limits.NONE)),
            Map.of("p", SelectionStrategy.named("fill-first")), HealthSettings.defaults(), Duration.ofMinutes(30),
            clock, c -> { });

    private AccountPool.Lease take(Set<String> exclude) {
        return pool.acquire("p", "m", Optional.empty(), exclude).orElseThrow();
    }

    @Test
    void leaseListener_seesAcquireSuccessFailure_andFailoverFlag() {
        List<String> events = new ArrayList<>();
        pool.addLeaseListener(new LeaseListener() {
            @Override
            public void acquired(Account account, String model, boolean failover) {
                events.add("acquired " + account.id() + " " + model + (failover ? " failover" : ""));
            }

            @Override
            public void succeeded(Account account, String model) {
                events.add("ok " + account.id());
            }

            @Override
            public void failed(Account account, String model, FailureKind kind) {
                events.add("failed " + account.id() + " " + kind);
            }
        });

        take(Set.of()).failure(FailureKind.SERVER, Optional.empty(), "boom");
        take(Set.of("p/a")).success(1_000, 0);

        assertEquals(List.of("acquired p/a m", "failed p/a SERVER", "acquired p/b m failover", "ok p/b"), events);
    }

    @Test
    void throwingListener_neverBreaksTheLease() {
        pool.addLeaseListener(new LeaseListener() {
            @Override
            public void acquired(Account account, String model, boolean failover) {
                throw new IllegalStateException("observer bug");
            }

            @Override
            public void succeeded(Account account, String model) {
                throw new IllegalStateException("observer bug");
            }

            @Override
            public void failed(Account account, String model, FailureKind kind) {
                throw new IllegalStateException("observer bug");
            }
        });
        take(Set.of()).success(1_000, 0);
        assertEquals(AccountStatus.HEALTHY, pool.status("p/a").orElseThrow().status());
    }

    @Test
    void passingProbe_bringsBackAnAccountDisabledByCredentials() {
        take(Set.of()).failure(FailureKind.CREDENTIALS, Optional.empty(), "401");
        assertTrue(pool.probeWorthy("p/a"));

        pool.recordProbe("p/a", false, "listed models");

        assertEquals(AccountStatus.HEALTHY, pool.status("p/a").orElseThrow().status());
        assertFalse(pool.probeWorthy("p/a"));
        assertEquals("p/a", take(Set.of()).account().id());
    }

    @Test
    void passingProbe_leavesAnOperatorSwitchAlone_andItIsNeverProbeWorthy() {
        pool.setEnabled("p/a", false);
        assertFalse(pool.probeWorthy("p/a"));

        pool.recordProbe("p/a", false, "listed models");

        assertEquals(AccountStatus.DISABLED, pool.status("p/a").orElseThrow().status());
    }

    @Test
    void rejectedProbe_disablesTheAccount_evenBeforeItServedAModel() {
        pool.recordProbe("p/a", true, "health probe got 401");

        var view = pool.status("p/a").orElseThrow();
        assertEquals(AccountStatus.DISABLED, view.status());
        assertTrue(view.disabledReason().orElseThrow().contains("credentials rejected"));
        assertEquals("p/b", take(Set.of()).account().id());
    }

    @Test
    void openCircuit_isProbeWorthy_andAPassingProbeClosesItOnlyAfterTheOpenPeriod() {
        for (int i = 0; i < HealthSettings.defaults().failureThreshold(); i++) {
            pool.acquire("p", "m", Optional.empty(), Set.of("p/b")).orElseThrow()
                    .failure(FailureKind.SERVER, Optional.empty(), "500");
        }
        assertEquals(AccountStatus.CIRCUIT_OPEN, pool.status("p/a").orElseThrow().status());
        assertTrue(pool.probeWorthy("p/a"));

        pool.recordProbe("p/a", false, "listed models");
        assertEquals(AccountStatus.CIRCUIT_OPEN, pool.status("p/a").orElseThrow().status(), "still in its open period");

        clock.advance(HealthSettings.defaults().openDuration());
        pool.recordProbe("p/a", false, "listed models");
        assertEquals(AccountStatus.HEALTHY, pool.status("p/a").orElseThrow().status());
    }

    @Test
    void unknownAccount_isReportedAsSuch() {
        assertFalse(pool.recordProbe("p/nope", false, "x"));
        assertFalse(pool.probeWorthy("p/nope"));
    }
}
