/**
 * The {@link dev.llmgateway.core.error.GatewayException} family: every failure a client can see,
 * with an {@link dev.llmgateway.core.error.ErrorCategory} that fixes the HTTP status. Each
 * dialect's codec turns these into its own error body.
 */
package dev.llmgateway.core.error;
