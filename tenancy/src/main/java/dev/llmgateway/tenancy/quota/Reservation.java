package dev.llmgateway.tenancy.quota;

import java.util.List;

/**
 * What an admitted request counted against: the usage rows its tokens and cost are added to when
 * it completes ({@link Quotas#record}). Empty when no limit applied.
 */
public record Reservation(List<Row> rows) {

    public static final Reservation NONE = new Reservation(List.of());

    /** One row of {@code quota_usage}. */
    public record Row(Scope scope, String periodKey) {
    }

    public Reservation {
        rows = List.copyOf(rows);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
