/**
 * Provider adapters and what they share: {@link dev.llmgateway.router.provider.ProviderRegistry},
 * {@link dev.llmgateway.router.provider.UpstreamTransport} and
 * {@link dev.llmgateway.router.provider.SseChunkStream}. One sub-package per upstream API.
 */
package dev.llmgateway.router.provider;
