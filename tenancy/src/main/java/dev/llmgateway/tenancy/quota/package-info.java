/**
 * Limits (quotas) per organization and per key: {@link dev.llmgateway.tenancy.quota.Quotas} (the
 * service: admin operations, {@code admit} before a request, {@code record} after it),
 * {@link dev.llmgateway.tenancy.quota.LimitSet}, {@link dev.llmgateway.tenancy.quota.LimitChange},
 * {@link dev.llmgateway.tenancy.quota.Admission}, {@link dev.llmgateway.tenancy.quota.UsageReport}.
 * Metrics: requests, tokens, cost (exact USD); periods: calendar month and year in UTC.
 */
package dev.llmgateway.tenancy.quota;
