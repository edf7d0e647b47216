/**
 * The OpenAI Chat Completions dialect: {@link dev.llmgateway.router.codec.openai.OpenAiChatCodec}
 * (request validation, answers, the error table) and its stream encoder.
 */
package dev.llmgateway.router.codec.openai;
