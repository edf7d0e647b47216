package dev.llmgateway.tenancy.quota;

import java.util.List;
import java.util.Optional;

/** One of the six limits a scope can have: a metric per period ({@code requests_per_month}, …). */
public record Slot(Metric metric, Period period) {

    /** Every slot, in the order they are shown. */
    public static final List<Slot> ALL = List.of(
            new Slot(Metric.REQUESTS, Period.MONTH), new Slot(Metric.REQUESTS, Period.YEAR),
            new Slot(Metric.TOKENS, Period.MONTH), new Slot(Metric.TOKENS, Period.YEAR),
            new Slot(Metric.COST, Period.MONTH), new Slot(Metric.COST, Period.YEAR));

    /** The JSON field name: {@code requests_per_month}. */
    public String field() {
        return metric.wire() + "_per_" + period.wire();
    }

    public static Optional<Slot> parse(String field) {
        return ALL.stream().filter(s -> s.field().equals(field)).findFirst();
    }

    /** The field names, for messages. */
    public static String fields() {
        return String.join(", ", ALL.stream().map(Slot::field).toList());
    }
}
