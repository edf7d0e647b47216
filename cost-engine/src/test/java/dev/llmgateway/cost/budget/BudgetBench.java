package dev.llmgateway.cost.budget;

import dev.llmgateway.cost.alert.Alerts;
import dev.llmgateway.store.DatabaseKind;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.Tenancy;
import dev.llmgateway.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What budgets cost a request on PostgreSQL: {@code threads} callers admit and settle against one
 * organization budget plus one key budget for {@code seconds}; prints admissions per second and
 * admission latency percentiles. Not a test; run with {@code bench/budgets.sh [threads] [seconds]}.
 */
public final class BudgetBench {

    private BudgetBench() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        try (TestDatabase t = TestDatabase.open(DatabaseKind.POSTGRESQL);
             Tenancy tenancy = BudgetFixtures.tenancy(t.database(), Clock.systemUTC());
             Alerts alerts = new Alerts(List.of());
             Budgets budgets = BudgetFixtures.budgets(t.database(), tenancy, Clock.systemUTC(), alerts)) {
            BudgetFixtures.org(t.database(), "org_b");
            BudgetFixtures.key(t.database(), "org_b", "key_b");
            Actor admin = Actor.platformAdmin("bench");
            budgets.create(admin, "org_b", BudgetFixtures.draft(BudgetScope.ORGANIZATION, "org_b", BudgetPeriod.MONTH,
                    "1000000", BudgetAction.REFUSE));
            budgets.create(admin, "org_b", BudgetFixtures.draft(BudgetScope.KEY, "key_b", BudgetPeriod.DAY,
                    "1000000", BudgetAction.REFUSE));
            Requester who = new Requester("org_b", "", "key_b", "");
            BigDecimal estimate = new BigDecimal("0.0012");
            BigDecimal cost = new BigDecimal("0.00087");
            for (int i = 0; i < 500; i++) { // warm up
                budgets.settle(((BudgetDecision.Admitted) budgets.admit(who, estimate)).ticket(), cost);
            }
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            AtomicLong count = new AtomicLong();
            List<long[]> samples = new ArrayList<>();
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                long[] mine = new long[2_000_000];
                samples.add(mine);
                workers.add(Thread.ofPlatform().start(() -> {
                    int n = 0;
                    while (System.nanoTime() < end && n < mine.length) {
                        long t0 = System.nanoTime();
                        BudgetDecision d = budgets.admit(who, estimate);
                        mine[n++] = System.nanoTime() - t0;
                        budgets.settle(((BudgetDecision.Admitted) d).ticket(), cost);
                        count.incrementAndGet();
                    }
                    mine[mine.length - 1] = n; // the sample count, in the last slot
                }));
            }
            for (Thread w : workers) {
                w.join();
            }
            List<Long> all = new ArrayList<>();
            for (long[] s : samples) {
                int n = (int) s[s.length - 1];
                for (int i = 0; i < n; i++) {
                    all.add(s[i]);
                }
            }
            long[] sorted = all.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%d threads, %d s, 2 budgets per request: %.0f admit+settle/s; admission "
                            + "p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", threads, seconds, count.get() / (double) seconds,
                    sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
                    sorted[sorted.length - 1] / 1e6);
        }
    }
}
