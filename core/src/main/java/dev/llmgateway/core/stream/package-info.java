/**
 * Streaming in three pure layers: {@link dev.llmgateway.core.stream.SseReader} (bytes to events),
 * a provider's {@link dev.llmgateway.core.stream.StreamTranslator} (events to
 * {@link dev.llmgateway.core.stream.ChatChunk}s) and a client dialect's chunk encoder.
 */
package dev.llmgateway.core.stream;
