/**
 * The Anthropic Messages dialect: {@link dev.llmgateway.router.codec.anthropic.AnthropicCodec}
 * (request validation, answers, the error table, count_tokens bodies), its content-block decoder
 * and its stream encoder. Translation rules: docs/translation-anthropic.md.
 */
package dev.llmgateway.router.codec.anthropic;
