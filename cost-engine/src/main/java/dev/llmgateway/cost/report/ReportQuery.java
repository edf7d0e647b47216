package dev.llmgateway.cost.report;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a usage report covers: a time range {@code [from, to)}, a granularity, the dimensions to group
 * by, and optional filters. {@code orgId} is set by the caller's scope (an organization's users see
 * only their own). Validated on construction.
 */
public record ReportQuery(Instant from, Instant to, Granularity granularity, List<String> groupBy,
                          Optional<String> orgId, Optional<String> model, Optional<String> keyId) {

    /** The dimensions a report may group by (columns of the rollups). */
    public static final Set<String> DIMENSIONS = Set.of("org_id", "team_id", "key_id", "model", "provider");

    /** Bucket size; hourly reads the hourly rollup, day and month the daily one. */
    public enum Granularity {
        HOUR, DAY, MONTH, TOTAL
    }

    public ReportQuery {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("'from' must be before 'to'");
        }
        groupBy = List.copyOf(groupBy);
        for (String d : groupBy) {
            if (!DIMENSIONS.contains(d)) {
                throw new IllegalArgumentException("cannot group by '" + d + "'; choose from " + DIMENSIONS);
            }
        }
    }
}
