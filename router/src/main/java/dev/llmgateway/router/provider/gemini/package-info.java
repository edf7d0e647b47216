/**
 * Upstreams that speak the Gemini API ({@code generateContent} / {@code streamGenerateContent}):
 * {@link dev.llmgateway.router.provider.gemini.GeminiAdapter}, its request encoder, response
 * decoder and stream translator, and {@link dev.llmgateway.router.provider.gemini.GeminiRetryInfo}
 * (the wait a 429 asks for). The rules are in docs/translation-gemini.md.
 */
package dev.llmgateway.router.provider.gemini;
