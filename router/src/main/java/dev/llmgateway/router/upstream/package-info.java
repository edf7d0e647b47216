/**
 * Talking to upstreams over HTTP: {@link dev.llmgateway.router.upstream.BodyChannel} (bodies read
 * with per-read timeouts, cancellable), {@link dev.llmgateway.router.upstream.RetryAfter} and
 * {@link dev.llmgateway.router.upstream.UpstreamErrors} (status and failure classification).
 */
package dev.llmgateway.router.upstream;
