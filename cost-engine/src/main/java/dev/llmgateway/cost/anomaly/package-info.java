/** Spend anomaly detection: an organization's hourly spend against its recent baseline. */
package dev.llmgateway.cost.anomaly;
