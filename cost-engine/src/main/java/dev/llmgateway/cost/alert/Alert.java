package dev.llmgateway.cost.alert;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One alert: its kind ({@code budget.threshold}, {@code spend.anomaly}), the organization it is
 * about, a one-line title, a readable text, machine-readable fields, and the webhooks and e-mail
 * addresses it goes to besides the configured ones.
 */
public record Alert(String kind, String orgId, Instant at, String title, String text, Map<String, Object> fields,
                    List<String> webhooks, List<String> emails) {

    public Alert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        webhooks = List.copyOf(webhooks);
        emails = List.copyOf(emails);
    }
}
