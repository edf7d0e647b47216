/**
 * The request pipeline: {@link dev.llmgateway.router.pipeline.GatewayExchange} and the stages
 * (authenticate, rate limit, decode, route, quota, dispatch) with retry
 * {@link dev.llmgateway.router.pipeline.Backoff}; {@link dev.llmgateway.router.pipeline.CompletionListener}s
 * are told each request's {@link dev.llmgateway.router.pipeline.RequestOutcome} once it has ended.
 */
package dev.llmgateway.router.pipeline;
