/**
 * The request pipeline: {@link dev.llmgateway.router.pipeline.GatewayExchange} and the stages
 * (authenticate, decode, route, dispatch) with retry {@link dev.llmgateway.router.pipeline.Backoff}.
 */
package dev.llmgateway.router.pipeline;
