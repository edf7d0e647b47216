/** Usage and cost reports from the rollups, and the month-end forecast ({@link dev.llmgateway.cost.report.UsageReports}). */
package dev.llmgateway.cost.report;
