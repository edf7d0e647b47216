/**
 * The Gemini API dialect ({@code POST /v1beta/models/{model}:generateContent} and
 * {@code :streamGenerateContent?alt=sse}): {@link dev.llmgateway.router.codec.gemini.GeminiCodec}
 * (answers and the error table), {@link dev.llmgateway.router.codec.gemini.GeminiEndpoint} (the
 * model and method from the path), the request decoder and the stream encoder. The rules are in
 * docs/translation-gemini.md.
 */
package dev.llmgateway.router.codec.gemini;
