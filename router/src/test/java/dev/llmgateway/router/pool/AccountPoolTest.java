package dev.llmgateway.router.pool;

import dev.llmgateway.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountPoolTest {

    private final MutableClock clock = new MutableClock();

    private static Account account(String id, int weight, int priority, Account.Limits limits) {
        return new Account(id, id, "openai", List.of(), weight, priority, limits);
    }

    private AccountPool pool(String strategy, Account... accounts) {
        return new AccountPool(List.of(accounts), Map.of("openai", SelectionStrategy.named(strategy)),
                HealthSettings.defaults(), Duration.ofMinutes(30), clock, c -> { });
    }

    private String pick(AccountPool pool) {
        AccountPool.Lease lease = pool.acquire("openai", "gpt-4o", Optional.empty(), Set.of()).orElseThrow();
        lease.success(1_000_000, 10);
        return lease.account().id();
    }

    @Test
    void roundRobin_takesEachInTurn() {
        AccountPool pool = pool("round-robin", account("a", 1, 0, Account.Limits.NONE),
                account("b", 1, 0, Account.Limits.NONE), account("c", 1, 0, Account.Limits.NONE));
        List<String> picks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            picks.add(pick(pool));
        }
        assertEquals(List.of("a", "b", "c", "a", "b", "c"), picks);
    }

    @Test
    void weighted_givesEachItsShare_interleaved() {
        AccountPool pool = pool("weighted", account("a", 3, 0, Account.Limits.NONE),
                account("b", 1, 0, Account.Limits.NONE));
        Map<String, Integer> counts = new HashMap<>();
        List<String> picks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = pick(pool);
            picks.add(id);
            counts.merge(id, 1, Integer::sum);
        }
        assertEquals(6, counts.get("a"));
        assertEquals(2, counts.get("b"));
        assertEquals(List.of("a", "a", "b", "a", "a", "a", "b", "a"), picks, "smooth: b is interleaved, not last");
    }

    @Test
    void fillFirst_usesTheHighestPriorityUntilItIsFull() {
        AccountPool pool = pool("fill-first", account("low", 1, 5, Account.Limits.NONE),
                account("high", 1, 1, new Account.Limits(2, 0, 0)));
        AccountPool.Lease first = pool.acquire("openai", "m", Optional.empty(), Set.of()).orElseThrow();
        AccountPool.Lease second = pool.acquire("openai", "m", Optional.empty(), Set.of()).orElseThrow();
        AccountPool.Lease third = pool.acquire("openai", "m", Optional.empty(), Set.of()).orElseThrow();
        assertEquals("high", first.account().id());
        assertEquals("high", second.account().id());
        assertEquals("low", third.account().id(), "the concurrency limit of 2 sends the third elsewhere");
    }

    @Test
    void leastInFlight_prefersTheIdleAccount() {
        AccountPool pool = pool("least-in-flight", account("a", 1, 0, Account.Limits.NONE),
                account("b", 1, 0, Account.Limits.NONE));
        AccountPool.Lease busy = pool.acquire("openai", "m", Optional.empty(), Set.of()).orElseThrow();
        AccountPool.Lease next = pool.acquire("openai", "m", Optional.empty(), Set.of()).orElseThrow();
        assertNotEquals(busy.account().id(), next.account().id());
    }

    @Test
    void lowestLatency_prefersTheFasterAccountOnceMeasured() {
        AccountPool pool = pool("lowest-latency", account("slow", 1, 0, Account.Limits.NONE),
                account("fast", 1, 0, Account.Limits.NONE));
        AccountPool.Lease s = pool.acquire("openai", "m", Optional.empty(), Set.of("fast")).orElseThrow();
        s.success(900_000_000, 1);
        AccountPool.Lease f = pool.acquire("openai", "m", Optional.empty(), Set.of("slow")).orElseThrow();
        f.success(100_000_000, 1);
        for (int i = 0; i < 5; i++) {
            assertEquals("fast", pick(pool));
        }
    }

    @Test
    void requestsPerMinute_limitHoldsUntilTheNextMinute() {
        AccountPool pool = pool("round-robin", account("a", 1, 0, new Account.Limits(0, 2, 0)));
        pick(pool);
        pick(pool);
        assertTrue(pool.acquire("openai", "m", Optional.empty(), Set.of()).isEmpty());
        clock.advance(Duration.ofMinutes(1));
        assertEquals("a", pick(pool));
    }

    @Test
    void sessionAffinity_keepsAConversationOnOneAccount_andMovesOffWhenItFails() {
        AccountPool pool = pool("round-robin", account("a", 1, 0, Account.Limits.NONE),
                account("b", 1, 0, Account.Limits.NONE), account("c", 1, 0, Account.Limits.NONE));
        Optional<String> session = Optional.of("conversation-1");
        AccountPool.Lease first = pool.acquire("openai", "m", session, Set.of()).orElseThrow();
        first.success(1, 1);
        for (int i = 0; i < 5; i++) {
            pick(pool); // other traffic moves the round robin on
            AccountPool.Lease again = pool.acquire("openai", "m", session, Set.of()).orElseThrow();
            assertEquals(first.account().id(), again.account().id());
            again.success(1, 1);
        }
        AccountPool.Lease failing = pool.acquire("openai", "m", session, Set.of()).orElseThrow();
        failing.failure(FailureKind.RATE_LIMITED, Optional.of(Duration.ofMinutes(1)), "429");
        AccountPool.Lease moved = pool.acquire("openai", "m", session, Set.of()).orElseThrow();
        assertNotEquals(first.account().id(), moved.account().id());
    }

    @Test
    void oneHealthyAccountLeft_stillServes() {
        AccountPool pool = pool("round-robin", account("a", 1, 0, Account.Limits.NONE),
                account("b", 1, 0, Account.Limits.NONE), account("c", 1, 0, Account.Limits.NONE));
        pool.acquire("openai", "gpt-4o", Optional.empty(), Set.of("b", "c")).orElseThrow()
                .failure(FailureKind.CREDENTIALS, Optional.empty(), "401");
        pool.acquire("openai", "gpt-4o", Optional.empty(), Set.of("a", "c")).orElseThrow()
                .failure(FailureKind.RATE_LIMITED, Optional.of(Duration.ofMinutes(5)), "429");
        for (int i = 0; i < 10; i++) {
            assertEquals("c", pick(pool));
        }
    }

    @Test
    void excludedAccounts_areNotChosen_andNoneLeftIsEmpty() {
        AccountPool pool = pool("round-robin", account("a", 1, 0, Account.Limits.NONE));
        assertTrue(pool.acquire("openai", "m", Optional.empty(), Set.of("a")).isEmpty());
        assertTrue(pool.acquire("anthropic", "m", Optional.empty(), Set.of()).isEmpty());
    }

    @Test
    void lease_reportsOnlyOnce() {
        AccountPool pool = pool("round-robin", account("a", 1, 0, new Account.Limits(1, 0, 0)));
        AccountPool.Lease lease = pool.acquire("openai", "m", Optional.empty(), Set.of()).orElseThrow();
        lease.success(1, 1);
        lease.success(1, 1);
        lease.failure(FailureKind.SERVER, Optional.empty(), "late");
        assertEquals(0, pool.list().get(0).inFlight());
        assertEquals(AccountStatus.HEALTHY, pool.list().get(0).status());
    }

    @Test
    void rateLimitOnOneModel_leavesTheAccountsOtherModelsAvailable() {
        AccountPool pool = pool("round-robin", account("a", 1, 0, Account.Limits.NONE));
        pool.acquire("openai", "gpt-4o", Optional.empty(), Set.of()).orElseThrow()
                .failure(FailureKind.RATE_LIMITED, Optional.of(Duration.ofMinutes(1)), "429");

        assertTrue(pool.acquire("openai", "gpt-4o", Optional.empty(), Set.of()).isEmpty());
        assertTrue(pool.acquire("openai", "gpt-4o-mini", Optional.empty(), Set.of()).isPresent());
        assertEquals(AccountStatus.COOLING_DOWN, pool.list().get(0).status());
    }

    @Test
    void rejectedCredentials_disableEveryModel_untilAnOperatorEnablesTheAccount() {
        AccountPool pool = pool("round-robin", account("a", 1, 0, Account.Limits.NONE));
        pool.acquire("openai", "gpt-4o", Optional.empty(), Set.of()).orElseThrow()
                .failure(FailureKind.CREDENTIALS, Optional.empty(), "401");

        assertTrue(pool.acquire("openai", "gpt-4o-mini", Optional.empty(), Set.of()).isEmpty());
        assertEquals(AccountStatus.DISABLED, pool.list().get(0).status());
        assertTrue(pool.list().get(0).disabledReason().orElseThrow().contains("credentials"));

        assertTrue(pool.setEnabled("a", true));
        assertTrue(pool.acquire("openai", "gpt-4o-mini", Optional.empty(), Set.of()).isPresent());
        assertTrue(pool.acquire("openai", "gpt-4o", Optional.empty(), Set.of()).isPresent());
    }

    @Test
    void operatorDisable_takesTheAccountOutOfRotation() {
        AccountPool pool = pool("round-robin", account("a", 1, 0, Account.Limits.NONE),
                account("b", 1, 0, Account.Limits.NONE));
        pool.setEnabled("a", false);
        for (int i = 0; i < 4; i++) {
            assertEquals("b", pick(pool));
        }
        assertTrue(!pool.setEnabled("nope", true));
    }
}
