package dev.llmgateway.cost.budget;

import static dev.llmgateway.cost.budget.BudgetFixtures.budgets;
import static dev.llmgateway.cost.budget.BudgetFixtures.draft;
import static dev.llmgateway.cost.budget.BudgetFixtures.key;
import static dev.llmgateway.cost.budget.BudgetFixtures.org;
import static dev.llmgateway.cost.budget.BudgetFixtures.status;
import static dev.llmgateway.cost.budget.BudgetFixtures.team;
import static dev.llmgateway.cost.budget.BudgetFixtures.tenancy;
import static dev.llmgateway.cost.budget.BudgetFixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.cost.alert.Alert;
import dev.llmgateway.cost.alert.Alerts;
import dev.llmgateway.store.Database;
import dev.llmgateway.store.DatabaseKind;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.Tenancy;
import dev.llmgateway.testing.MutableClock;
import dev.llmgateway.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import java.util.List;
import java.util.Optional;

import java.util.function.IntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BudgetEnforcementTest {

    private static final Actor ADMIN = Actor.platformAdmin("admin-key");
    private static final Instant DEC = Instant.parse("2026-12-04T10:00:00Z");
    private static final BigDecimal TEN_CENTS = new BigDecimal("0.10");
    private static final Requester KEY_A = new Requester("org_x", "", "key_a", "");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void admit_exactBoundary_tenOfTenCentsFitOneDollarThenRefusedUntilMonthEnds(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind); Tenancy tenancy = tenancy(t.database(), new MutableClock(DEC));
             Alerts alerts = new Alerts(List.of()); Budgets b = budgets(t.database(), tenancy, new MutableClock(DEC), alerts)) {
            org(t.database(), "org_x");
            Budget budget = b.create(ADMIN, "org_x", draft(BudgetScope.ORGANIZATION, "org_x", BudgetPeriod.MONTH, "1.00",
                    BudgetAction.REFUSE));
            for (int i = 0; i < 10; i++) {
                BudgetDecision.Admitted ok = assertInstanceOf(BudgetDecision.Admitted.class, b.admit(KEY_A, TEN_CENTS),
                        "request " + i);
                b.settle(ok.ticket(), TEN_CENTS);
            }
            BudgetDecision.Refused no = assertInstanceOf(BudgetDecision.Refused.class,
                    b.admit(KEY_A, new BigDecimal("0.000000001")));
            assertEquals("This request would exceed " + budget.describe() + " of 1 USD for 2026-12; it renews at "
                    + "2027-01-01T00:00:00Z.", no.message());
            assertEquals(Optional.of(Duration.between(DEC, Instant.parse("2027-01-01T00:00:00Z"))), no.retryAfter());
            BudgetStatus s = status(b, "org_x", budget.id());
            assertEquals(0, s.spent().compareTo(BigDecimal.ONE));
            assertEquals(0, s.reserved().signum());
            assertEquals(10, s.requests());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void admit_estimateLargerThanWhatIsLeft_refusedBeforeSpending(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind); Tenancy tenancy = tenancy(t.database(), new MutableClock(DEC));
             Alerts alerts = new Alerts(List.of()); Budgets b = budgets(t.database(), tenancy, new MutableClock(DEC), alerts)) {
            org(t.database(), "org_x");
            key(t.database(), "org_x", "key_a");
            b.create(ADMIN, "org_x", draft(BudgetScope.KEY, "key_a", BudgetPeriod.DAY, "0.25", BudgetAction.REFUSE));
            BudgetDecision.Admitted first = assertInstanceOf(BudgetDecision.Admitted.class,
                    b.admit(KEY_A, new BigDecimal("0.20")));
            assertInstanceOf(BudgetDecision.Refused.class, b.admit(KEY_A, TEN_CENTS), "0.20 reserved + 0.10 > 0.25");
            assertInstanceOf(BudgetDecision.Admitted.class, b.admit(new Requester("org_x", "", "key_b", ""), TEN_CENTS),
                    "another key has no budget");
            b.settle(first.ticket(), new BigDecimal("0.05")); // the exact cost replaces the estimate
            assertInstanceOf(BudgetDecision.Admitted.class, b.admit(KEY_A, TEN_CENTS), "0.05 spent + 0.10 <= 0.25");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void admit_fiftyConcurrentRequests_exactlyTwentyFitAndSpendEndsAtTheAmount(DatabaseKind kind) throws Exception {
        try (TestDatabase t = TestDatabase.open(kind); Tenancy tenancy = tenancy(t.database(), new MutableClock(DEC));
             Alerts alerts = new Alerts(List.of()); Budgets b = budgets(t.database(), tenancy, new MutableClock(DEC), alerts)) {
            org(t.database(), "org_x");
            team(t.database(), "org_x", "team_t");
            Budget budget = b.create(ADMIN, "org_x", draft(BudgetScope.TEAM, "team_t", BudgetPeriod.WEEK, "2.00",
                    BudgetAction.REFUSE));
            List<BudgetDecision> results = race(50, i -> {
                BudgetDecision d = b.admit(new Requester("org_x", "team_t", "key_" + (i % 5), ""), TEN_CENTS);
                if (d instanceof BudgetDecision.Admitted ok) {
                    b.settle(ok.ticket(), TEN_CENTS);
                }
                return d;
            });
            assertEquals(20, results.stream().filter(d -> d instanceof BudgetDecision.Admitted).count());
            BudgetStatus s = status(b, "org_x", budget.id());
            assertEquals("2026-W49", s.periodKey());
            assertEquals(0, s.spent().compareTo(new BigDecimal("2.00")));
            assertEquals(0, s.reserved().signum());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void admit_twoInstancesOnOneDatabase_shareOneBudget(DatabaseKind kind) throws Exception {
        MutableClock clock = new MutableClock(DEC);
        try (TestDatabase t = TestDatabase.open(kind); Database second = Database.open(t.settings());
             Tenancy ta = tenancy(t.database(), clock); Tenancy tb = tenancy(second, clock);
             Alerts alerts = new Alerts(List.of()); Budgets a = budgets(t.database(), ta, clock, alerts);
             Budgets b = budgets(second, tb, clock, alerts)) {
            org(t.database(), "org_x");
            user(t.database(), "org_x", "usr_u");
            assertInstanceOf(BudgetDecision.Admitted.class, b.admit(new Requester("org_x", "", "k", "usr_u"), TEN_CENTS),
                    "b has no budget yet");
            a.create(ADMIN, "org_x", draft(BudgetScope.USER, "usr_u", BudgetPeriod.TOTAL, "1.50", BudgetAction.REFUSE));
            b.syncChanges(); // the change feed tells b to reload its budgets
            List<BudgetDecision> results = race(40, i -> {
                Budgets instance = i % 2 == 0 ? a : b;
                BudgetDecision d = instance.admit(new Requester("org_x", "", "key_" + i, "usr_u"), TEN_CENTS);
                if (d instanceof BudgetDecision.Admitted ok) {
                    instance.settle(ok.ticket(), TEN_CENTS);
                }
                return d;
            });
            assertEquals(15, results.stream().filter(d -> d instanceof BudgetDecision.Admitted).count());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void settle_crossingThresholds_eachAlertFiresOncePerPeriodAcrossInstances(DatabaseKind kind) throws Exception {
        MutableClock clock = new MutableClock(DEC);
        BudgetFixtures.Recorder recorder = new BudgetFixtures.Recorder();
        try (TestDatabase t = TestDatabase.open(kind); Database second = Database.open(t.settings());
             Tenancy ta = tenancy(t.database(), clock); Tenancy tb = tenancy(second, clock);
             Alerts alerts = new Alerts(List.of(recorder)); Budgets a = budgets(t.database(), ta, clock, alerts);
             Budgets b = budgets(second, tb, clock, alerts)) {
            org(t.database(), "org_x");
            Budget budget = a.create(ADMIN, "org_x", draft(BudgetScope.ORGANIZATION, "org_x", BudgetPeriod.DAY, "1",
                    BudgetAction.REFUSE));
            b.syncChanges();
            spend(a, new BigDecimal("0.79"));
            spend(b, new BigDecimal("0.01")); // exactly 80%
            spend(a, new BigDecimal("0.05"));
            spend(b, new BigDecimal("0.05")); // 90%
            race(10, i -> {
                spend(i % 2 == 0 ? a : b, new BigDecimal("0.01"));
                return null;
            }); // 100%, both instances see it
            assertTrue(alerts.drain(5000));
            assertEquals(List.of(80, 90, 100), recorder.alerts.stream()
                    .map(x -> (Integer) x.fields().get("threshold_percent")).toList());
            Alert hundred = recorder.alerts.get(2);
            assertEquals("budget.threshold", hundred.kind());
            assertEquals("org_x", hundred.orgId());
            assertEquals("2026-12-04", hundred.fields().get("period_key"));
            assertEquals(List.of(80, 90, 100), status(a, "org_x", budget.id()).alertsFired());

            clock.set(Instant.parse("2026-12-05T00:00:00Z")); // a new day: spending and alerts start again
            assertInstanceOf(BudgetDecision.Admitted.class, a.admit(KEY_A, new BigDecimal("0.5")));
            spend(a, new BigDecimal("0.85"));
            assertTrue(alerts.drain(5000));
            assertEquals(4, recorder.alerts.size());
            assertEquals("2026-12-05", recorder.alerts.get(3).fields().get("period_key"));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void admit_downgradeBudgetSpent_admittedWithTheCheaperModelAndStillCounted(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind); Tenancy tenancy = tenancy(t.database(), new MutableClock(DEC));
             Alerts alerts = new Alerts(List.of()); Budgets b = budgets(t.database(), tenancy, new MutableClock(DEC), alerts)) {
            org(t.database(), "org_x");
            Budget budget = b.create(ADMIN, "org_x", draft(BudgetScope.ORGANIZATION, "org_x", BudgetPeriod.MONTH,
                    "0.15", BudgetAction.DOWNGRADE));
            BudgetDecision.Admitted first = assertInstanceOf(BudgetDecision.Admitted.class, b.admit(KEY_A, TEN_CENTS));
            assertTrue(first.downgrade().isEmpty());
            b.settle(first.ticket(), TEN_CENTS);
            BudgetDecision.Admitted second = assertInstanceOf(BudgetDecision.Admitted.class, b.admit(KEY_A, TEN_CENTS));
            assertEquals(budget.id(), second.downgrade().orElseThrow().id());
            assertEquals(Optional.of("cheap-model"), second.downgrade().get().draft().downgradeModel());
            b.settle(second.ticket(), new BigDecimal("0.01"));
            assertEquals(0, status(b, "org_x", budget.id()).spent().compareTo(new BigDecimal("0.11")));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void sweep_holdOfADeadInstance_givenBackOnceEvenIfTheRequestSettlesLate(DatabaseKind kind) {
        MutableClock clock = new MutableClock(DEC);
        try (TestDatabase t = TestDatabase.open(kind); Tenancy tenancy = tenancy(t.database(), clock);
             Alerts alerts = new Alerts(List.of()); Budgets b = budgets(t.database(), tenancy, clock, alerts)) {
            org(t.database(), "org_x");
            Budget budget = b.create(ADMIN, "org_x", draft(BudgetScope.ORGANIZATION, "org_x", BudgetPeriod.MONTH, "1",
                    BudgetAction.REFUSE));
            BudgetDecision.Admitted held = assertInstanceOf(BudgetDecision.Admitted.class,
                    b.admit(KEY_A, new BigDecimal("0.6")));
            assertInstanceOf(BudgetDecision.Refused.class, b.admit(KEY_A, new BigDecimal("0.6")));
            assertEquals(0, b.sweepExpiredHolds(), "not expired yet");
            clock.advance(Duration.ofMinutes(16));
            assertEquals(1, b.sweepExpiredHolds());
            assertEquals(0, status(b, "org_x", budget.id()).reserved().signum());
            b.settle(held.ticket(), new BigDecimal("0.2")); // late: adds the cost, does not give back twice
            BudgetStatus s = status(b, "org_x", budget.id());
            assertEquals(0, s.reserved().signum());
            assertEquals(0, s.spent().compareTo(new BigDecimal("0.2")));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void settle_requestsInFlightCostMoreThanEstimated_overshootIsExactlyTheirExcessThenRefused(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind); Tenancy tenancy = tenancy(t.database(), new MutableClock(DEC));
             Alerts alerts = new Alerts(List.of()); Budgets b = budgets(t.database(), tenancy, new MutableClock(DEC), alerts)) {
            org(t.database(), "org_x");
            Budget budget = b.create(ADMIN, "org_x", draft(BudgetScope.ORGANIZATION, "org_x", BudgetPeriod.MONTH, "1.00",
                    BudgetAction.REFUSE));
            // two requests in flight, each estimated at 0.40 (no max tokens: the default output bound)
            BudgetDecision.Admitted one = assertInstanceOf(BudgetDecision.Admitted.class, b.admit(KEY_A, new BigDecimal("0.40")));
            BudgetDecision.Admitted two = assertInstanceOf(BudgetDecision.Admitted.class, b.admit(KEY_A, new BigDecimal("0.40")));
            assertInstanceOf(BudgetDecision.Refused.class, b.admit(KEY_A, new BigDecimal("0.40")), "0.80 reserved");
            b.settle(one.ticket(), new BigDecimal("0.60"));
            b.settle(two.ticket(), new BigDecimal("0.60"));
            BudgetStatus s = status(b, "org_x", budget.id());
            // the overshoot (0.20) is the sum of what the admitted requests cost beyond their estimates
            assertEquals(0, s.spent().compareTo(new BigDecimal("1.20")));
            assertEquals(0, s.remaining().signum());
            assertInstanceOf(BudgetDecision.Refused.class, b.admit(KEY_A, BigDecimal.ZERO), "nothing left");
        }
    }

    private static void spend(Budgets b, BigDecimal cost) {
        BudgetDecision.Admitted ok = assertInstanceOf(BudgetDecision.Admitted.class, b.admit(KEY_A, BigDecimal.ZERO));
        b.settle(ok.ticket(), cost);
    }

    static <T> List<T> race(int n, java.util.function.IntFunction<T> call) throws Exception {
        return dev.llmgateway.testing.Races.race(n, call);
    }
}
