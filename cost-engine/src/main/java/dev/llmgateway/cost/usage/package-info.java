/** The usage store: raw usage events (idempotent) and hourly/daily rollups ({@link dev.llmgateway.cost.usage.UsageStore}). */
package dev.llmgateway.cost.usage;
