/** Logging set-up: {@link dev.llmgateway.router.log.LogSetup}. */
package dev.llmgateway.router.log;
