package dev.llmgateway.cost.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.core.usage.UsageEvent;
import dev.llmgateway.cost.alert.Alert;
import dev.llmgateway.cost.alert.AlertChannel;
import dev.llmgateway.cost.alert.Alerts;
import dev.llmgateway.cost.event.Events;
import dev.llmgateway.cost.usage.UsageStore;
import dev.llmgateway.store.DatabaseKind;
import dev.llmgateway.testing.MutableClock;
import dev.llmgateway.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SpendAnomaliesTest {

    private static final Instant NOW = Instant.parse("2026-12-04T14:20:00Z");
    private static final Instant HOUR = Instant.parse("2026-12-04T14:00:00Z");

    /** One event per hour for the week before {@code HOUR}, costing {@code normal} (every fourth hour double). */
    private static List<UsageEvent> week(String org, String normal) {
        List<UsageEvent> out = new ArrayList<>();
        for (int h = 1; h <= 24 * 7; h++) {
            BigDecimal cost = new BigDecimal(normal).multiply(BigDecimal.valueOf(h % 4 == 0 ? 2 : 1));
            out.add(Events.event(org, "gpt-4o", 1000, 100, cost.toPlainString(), HOUR.minus(Duration.ofHours(h))));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void check_spikeAgainstAWeekOfSteadySpend_raisedOnceAndOnlyForThatOrganization(DatabaseKind kind) throws Exception {
        List<Alert> raised = new CopyOnWriteArrayList<>();
        AlertChannel recorder = new AlertChannel() {
            @Override
            public String name() {
                return "recorder";
            }

            @Override
            public void deliver(Alert alert) {
                raised.add(alert);
            }
        };
        try (TestDatabase t = TestDatabase.open(kind); Alerts alerts = new Alerts(List.of(recorder))) {
            UsageStore store = new UsageStore(t.database());
            store.accept(week("org_spike", "0.50"));
            store.accept(week("org_steady", "0.50"));
            store.accept(List.of(Events.event("org_new", "gpt-4o", 1, 1, "40", HOUR.plusSeconds(60)))); // no history
            store.accept(List.of(Events.event("org_steady", "gpt-4o", 1, 1, "0.90", HOUR.plusSeconds(60))));
            store.accept(List.of(Events.event("org_spike", "gpt-4o", 1, 1, "12.5", HOUR.plusSeconds(60)),
                    Events.event("org_spike", "gpt-4o", 1, 1, "0.25", HOUR.plusSeconds(120))));

            SpendAnomalies anomalies = new SpendAnomalies(t.database(), alerts, AnomalySettings.DEFAULTS,
                    new MutableClock(NOW));
            List<SpendAnomaly> found = anomalies.check();
            assertEquals(1, found.size(), found.toString());
            SpendAnomaly a = found.get(0);
            assertEquals("org_spike", a.orgId());
            assertEquals(HOUR, a.bucket());
            assertEquals(0, a.cost().compareTo(new BigDecimal("12.75")));
            // 126 hours at 0.50 and 42 at 1.00: mean 0.625, standard deviation sqrt(0.046875)
            assertEquals(0, a.baselineMean().compareTo(new BigDecimal("0.625")), a.baselineMean().toPlainString());
            assertTrue(Math.abs(a.baselineStddev().doubleValue() - Math.sqrt(0.046875)) < 1e-8, a.baselineStddev() + "");
            assertEquals(0, a.threshold().compareTo(new BigDecimal("1.875")), "max(0.625 + 3 x 0.2165, 3 x 0.625, 1)");

            assertEquals(List.of(), anomalies.check(), "recorded once");
            assertTrue(alerts.drain(5000));
            assertEquals(1, raised.size());
            assertEquals("spend.anomaly", raised.get(0).kind());
            assertEquals("12.75", raised.get(0).fields().get("cost_usd"));
            assertEquals(1, anomalies.recent("org_spike", 10).size());
        }
    }
}
