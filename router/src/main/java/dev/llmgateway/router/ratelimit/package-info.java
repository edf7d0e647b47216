/**
 * Per-key rate limits held in memory by each gateway instance:
 * {@link dev.llmgateway.router.ratelimit.KeyRateLimiter} (requests and tokens per minute over a
 * sliding window, requests in flight).
 */
package dev.llmgateway.router.ratelimit;
