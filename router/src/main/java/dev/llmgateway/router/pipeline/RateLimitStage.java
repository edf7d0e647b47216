package dev.llmgateway.router.pipeline;

import dev.llmgateway.core.pipeline.Chain;
import dev.llmgateway.core.pipeline.Stage;
import dev.llmgateway.router.ratelimit.KeyRateLimiter;

/**
 * Applies the caller's own rate limits (per instance, in memory) before anything else is done for
 * it. The concurrency slot is given back, and the request's tokens counted, when it completes,
 * however it ends.
 */
public final class RateLimitStage implements Stage<GatewayExchange> {

    private final KeyRateLimiter limiter;

    public RateLimitStage(KeyRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void handle(GatewayExchange exchange, Chain<GatewayExchange> chain) {
        KeyRateLimiter.Permit permit = limiter.acquire(exchange.caller().orElseThrow());
        exchange.onCompletion(outcome -> permit.release(outcome.totalTokens()));
        chain.proceed(exchange);
    }
}
