package dev.llmgateway.tenancy.quota;

import dev.llmgateway.testing.MutableClock;
import static dev.llmgateway.tenancy.quota.QuotaFixtures.org;
import static dev.llmgateway.tenancy.quota.QuotaFixtures.requestsUsed;
import static dev.llmgateway.tenancy.quota.QuotaFixtures.set;
import static dev.llmgateway.tenancy.quota.QuotaFixtures.tenancy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.store.Database;
import dev.llmgateway.store.DatabaseKind;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.Tenancy;
import dev.llmgateway.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class QuotaEnforcementTest {

    private static final Actor ADMIN = Actor.platformAdmin("admin-key");
    private static final Instant NOV = Instant.parse("2026-11-22T10:00:00Z");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void admit_limitOfN_exactlyNAdmittedThenRefusedUntilPeriodEnds(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind); Tenancy tenancy = tenancy(t.database(), new MutableClock(NOV))) {
            org(t.database(), "org_x");
            tenancy.quotas().setOrgLimits(ADMIN, "org_x", set("requests_per_month", "5"));
            for (int i = 0; i < 5; i++) {
                assertInstanceOf(Admission.Admitted.class, tenancy.quotas().admit("org_x", "key_a"), "request " + i);
            }
            Admission.Refused refused = assertInstanceOf(Admission.Refused.class,
                    tenancy.quotas().admit("org_x", "key_a"));
            assertEquals("organization org_x has used its 5 requests for 2026-11; the limit renews at "
                    + "2026-12-01T00:00:00Z.", refused.message());
            assertEquals(Duration.between(NOV, Instant.parse("2026-12-01T00:00:00Z")), refused.retryAfter());
            assertEquals(5, requestsUsed(t.database(), Scope.org("org_x"), "2026-11"));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void admit_fiftyConcurrentThreadsAgainstTwenty_exactlyTwentyAdmitted(DatabaseKind kind) throws Exception {
        try (TestDatabase t = TestDatabase.open(kind); Tenancy tenancy = tenancy(t.database(), new MutableClock(NOV))) {
            org(t.database(), "org_x");
            tenancy.quotas().setOrgLimits(ADMIN, "org_x", set("requests_per_month", "20", "tokens_per_year", "1000000"));
            List<Admission> results = race(50, i -> tenancy.quotas().admit("org_x", "key_" + (i % 3)));
            assertEquals(20, results.stream().filter(a -> a instanceof Admission.Admitted).count());
            assertEquals(20, requestsUsed(t.database(), Scope.org("org_x"), "2026-11"));
            assertEquals(20, requestsUsed(t.database(), Scope.org("org_x"), "2026"));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void admit_twoInstancesOnOneDatabase_shareOneLimit(DatabaseKind kind) throws Exception {
        try (TestDatabase t = TestDatabase.open(kind); Database second = Database.open(t.settings());
             Tenancy a = tenancy(t.database(), new MutableClock(NOV)); Tenancy b = tenancy(second, new MutableClock(NOV))) {
            org(t.database(), "org_x");
            assertInstanceOf(Admission.Admitted.class, b.quotas().admit("org_x", ""), "b caches: no limits yet");
            a.quotas().setOrgLimits(ADMIN, "org_x", set("requests_per_month", "15"));
            b.quotas().syncChanges(); // the change feed tells b its cached "no limits" is stale
            List<Admission> results = race(40, i -> (i % 2 == 0 ? a : b).quotas().admit("org_x", ""));
            assertEquals(15, results.stream().filter(r -> r instanceof Admission.Admitted).count());
            assertEquals(15, requestsUsed(second, Scope.org("org_x"), "2026-11"));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void admit_monthRollsOver_monthCountsAgainWhileYearKeepsCounting(DatabaseKind kind) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T23:59:59Z"));
        try (TestDatabase t = TestDatabase.open(kind); Tenancy tenancy = tenancy(t.database(), clock)) {
            org(t.database(), "org_x");
            tenancy.quotas().setOrgLimits(ADMIN, "org_x", set("requests_per_month", "2", "requests_per_year", "3"));
            Quotas q = tenancy.quotas();
            assertInstanceOf(Admission.Admitted.class, q.admit("org_x", ""));
            assertInstanceOf(Admission.Admitted.class, q.admit("org_x", ""));
            Admission.Refused month = assertInstanceOf(Admission.Refused.class, q.admit("org_x", ""));
            assertEquals(Duration.ofSeconds(1), month.retryAfter());

            clock.set(Instant.parse("2026-12-01T00:00:00Z"));
            assertInstanceOf(Admission.Admitted.class, q.admit("org_x", ""));
            Admission.Refused year = assertInstanceOf(Admission.Refused.class, q.admit("org_x", ""));
            assertTrue(year.message().startsWith("organization org_x has used its 3 requests for 2026;"), year.message());
            assertEquals(Duration.ofDays(31), year.retryAfter());
            assertEquals(2, requestsUsed(t.database(), Scope.org("org_x"), "2026-11"));
            assertEquals(1, requestsUsed(t.database(), Scope.org("org_x"), "2026-12"));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void record_tokensAndCost_countedAndRefuseOnceUsedReachesTheLimit(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind); Tenancy tenancy = tenancy(t.database(), new MutableClock(NOV))) {
            org(t.database(), "org_x");
            Quotas q = tenancy.quotas();
            q.setOrgLimits(ADMIN, "org_x", set("tokens_per_month", "100", "cost_per_year", "0.01"));
            Reservation first = assertInstanceOf(Admission.Admitted.class, q.admit("org_x", "")).reservation();
            Reservation second = assertInstanceOf(Admission.Admitted.class, q.admit("org_x", "")).reservation();
            q.record(first, 60, new BigDecimal("0.004"));
            assertInstanceOf(Admission.Admitted.class, q.admit("org_x", ""), "60 of 100 tokens used");
            q.record(second, 60, new BigDecimal("0.0000000004")); // in flight when the first finished: overshoots
            Admission.Refused refused = assertInstanceOf(Admission.Refused.class, q.admit("org_x", ""));
            assertTrue(refused.message().startsWith("organization org_x has used its 100 tokens for 2026-11"),
                    refused.message());

            UsageReport.PeriodUsage month = q.usage(ADMIN, "org_x").scopes().get(0).periods().get(0);
            assertEquals(new UsageCounters(3, 120, new BigDecimal("0.004000000")), month.used());
            q.setOrgLimits(ADMIN, "org_x", set("tokens_per_month", "1000"));
            q.record(first, 1, new BigDecimal("0.006"));
            Admission.Refused cost = assertInstanceOf(Admission.Refused.class, q.admit("org_x", ""));
            assertTrue(cost.message().startsWith("organization org_x has used its 0.01 USD for 2026;"), cost.message());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void admit_keyAtItsLimit_organizationCountRolledBackToo(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind); Tenancy tenancy = tenancy(t.database(), new MutableClock(NOV))) {
            org(t.database(), "org_x");
            QuotaFixtures.key(t.database(), "org_x", "key_a");
            Quotas q = tenancy.quotas();
            q.setOrgLimits(ADMIN, "org_x", set("requests_per_month", "10"));
            q.setKeyLimits(ADMIN, "org_x", "key_a", set("requests_per_year", "1"));
            assertInstanceOf(Admission.Admitted.class, q.admit("org_x", "key_a"));
            Admission.Refused refused = assertInstanceOf(Admission.Refused.class, q.admit("org_x", "key_a"));
            assertTrue(refused.message().startsWith("key key_a has used its 1 requests for 2026;"), refused.message());
            assertEquals(1, requestsUsed(t.database(), Scope.org("org_x"), "2026-11"));
            assertInstanceOf(Admission.Admitted.class, q.admit("org_x", "key_b"), "another key of the org");
            assertEquals(2, requestsUsed(t.database(), Scope.org("org_x"), "2026-11"));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void admit_scopesWithoutLimits_needNoDatabaseOnceCached(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind)) {
            Database own = Database.open(t.settings());
            Tenancy tenancy = tenancy(own, new MutableClock(NOV));
            try {
                org(t.database(), "org_x");
                assertEquals(Reservation.NONE, assertInstanceOf(Admission.Admitted.class,
                        tenancy.quotas().admit("org_x", "key_a")).reservation());
            } finally {
                own.close(); // from here on any statement fails
            }
            assertEquals(Reservation.NONE, assertInstanceOf(Admission.Admitted.class,
                    tenancy.quotas().admit("org_x", "key_a")).reservation());
            tenancy.quotas().record(Reservation.NONE, 10, BigDecimal.ONE);
            tenancy.close();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void admit_usageRowDeletedBehindTheCache_isCreatedAgain(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind); Tenancy tenancy = tenancy(t.database(), new MutableClock(NOV))) {
            org(t.database(), "org_x");
            tenancy.quotas().setOrgLimits(ADMIN, "org_x", set("requests_per_month", "5"));
            assertInstanceOf(Admission.Admitted.class, tenancy.quotas().admit("org_x", ""));
            t.database().execute().delete("DELETE FROM quota_usage");
            assertInstanceOf(Admission.Admitted.class, tenancy.quotas().admit("org_x", ""));
            assertEquals(1, requestsUsed(t.database(), Scope.org("org_x"), "2026-11"));
        }
    }

    /** Runs {@code n} calls at once (released together) and returns their results. */
    static <T> List<T> race(int n, java.util.function.IntFunction<T> call) throws Exception {
        return dev.llmgateway.testing.Races.race(n, call);
    }
}
