/**
 * Upstreams that speak OpenAI's Chat Completions API:
 * {@link dev.llmgateway.router.provider.openai.OpenAiCompatibleAdapter}, its response decoder and
 * its stream translator.
 */
package dev.llmgateway.router.provider.openai;
