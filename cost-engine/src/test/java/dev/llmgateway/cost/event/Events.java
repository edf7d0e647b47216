package dev.llmgateway.cost.event;

import dev.llmgateway.core.usage.UsageEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Usage events for tests. */
public final class Events {

    private Events() {
    }

    public static UsageEvent event(String org, String model, long input, long output, String cost, Instant at) {
        return new UsageEvent(UUID.randomUUID().toString(), at, "req-" + UUID.randomUUID(), org, "", "key_1", "",
                model, "openai", "openai/main", new UsageEvent.Tokens(input, output, 0, 0, 0), new BigDecimal(cost),
                false, 12, 200, "ok", "explicit provider/model", false);
    }

    public static UsageEvent event(int n) {
        return event("org_a", "gpt-4o", 10 + n, 5, "0.000125", Instant.parse("2026-11-22T10:15:00Z").plusSeconds(n));
    }
}
