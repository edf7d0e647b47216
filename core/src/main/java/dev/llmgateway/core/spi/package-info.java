/**
 * Extension points: {@link dev.llmgateway.core.spi.FormatCodec} and
 * {@link dev.llmgateway.core.spi.ChunkEncoder} for client dialects,
 * {@link dev.llmgateway.core.spi.ProviderAdapter} for upstream APIs.
 */
package dev.llmgateway.core.spi;
