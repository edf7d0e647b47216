/**
 * The canonical chat model: {@link dev.llmgateway.core.chat.ChatRequest},
 * {@link dev.llmgateway.core.chat.ChatResponse}, messages with typed
 * {@link dev.llmgateway.core.chat.ContentPart}s, tools, sampling parameters and
 * {@link dev.llmgateway.core.chat.Usage}. Values only; immutable.
 */
package dev.llmgateway.core.chat;
