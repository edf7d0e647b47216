/**
 * Alerts (budget thresholds, spend anomalies) and their delivery: the log always, webhooks and
 * e-mail through a configured SMTP server when set. Delivery is asynchronous and bounded, so a slow
 * receiver never delays a request.
 */
package dev.llmgateway.cost.alert;
