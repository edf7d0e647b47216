package dev.llmgateway.tenancy.quota;

import java.util.Locale;

/** What a limit counts. Requests and tokens are whole numbers; cost is exact US dollars. */
public enum Metric {
    REQUESTS, TOKENS, COST;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the metrics counted in whole units. */
    public boolean whole() {
        return this != COST;
    }
}
