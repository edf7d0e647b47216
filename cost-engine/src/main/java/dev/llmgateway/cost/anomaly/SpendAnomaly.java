package dev.llmgateway.cost.anomaly;

import java.math.BigDecimal;
import java.time.Instant;

/** One detected anomaly: the organization's spend in the hour starting at {@code bucket} against its baseline. */
public record SpendAnomaly(String orgId, Instant bucket, BigDecimal cost, BigDecimal baselineMean,
                           BigDecimal baselineStddev, BigDecimal threshold, Instant detectedAt) {
}
