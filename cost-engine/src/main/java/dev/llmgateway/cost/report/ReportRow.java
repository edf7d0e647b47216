package dev.llmgateway.cost.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** One line of a usage report: the bucket (empty for totals), the group's dimension values, the sums. */
public record ReportRow(Optional<Instant> bucket, Map<String, String> group, long requests, long errors,
                        long inputTokens, long outputTokens, long cacheWriteTokens, long cacheReadTokens,
                        long reasoningTokens, BigDecimal costUsd) {
}
