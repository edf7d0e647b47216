/**
 * Upstreams that speak Anthropic's Messages API:
 * {@link dev.llmgateway.router.provider.anthropic.AnthropicAdapter} (also a token counter), its
 * request encoder, response decoder and stream translator. Translation rules:
 * docs/translation-anthropic.md.
 */
package dev.llmgateway.router.provider.anthropic;
