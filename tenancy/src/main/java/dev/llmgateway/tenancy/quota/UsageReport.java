package dev.llmgateway.tenancy.quota;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An organization's current counters against its limits: the organization first, then each of
 * its keys that has limits of its own, each for the current month and year.
 */
public record UsageReport(String orgId, Instant at, List<ScopeUsage> scopes) {

    public UsageReport {
        scopes = List.copyOf(scopes);
    }

    /** One scope's periods. */
    public record ScopeUsage(Scope scope, List<PeriodUsage> periods) {
        public ScopeUsage {
            periods = List.copyOf(periods);
        }
    }

    /** One period: its key and bounds, what was used and the limits that apply. */
    public record PeriodUsage(Period period, String key, Instant start, Instant end, UsageCounters used,
                              LimitSet limits) {

        public Optional<BigDecimal> limit(Metric metric) {
            return limits.get(metric, period);
        }
    }
}
