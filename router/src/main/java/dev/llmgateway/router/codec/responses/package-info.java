/**
 * The OpenAI Responses dialect as an ingress ({@code POST /v1/responses}):
 * {@link dev.llmgateway.router.codec.responses.ResponsesCodec} with its request decoder (input
 * items, namespace and function tools, text formats), the Response object builders and the
 * streaming event encoder. No upstream speaks this dialect; everything goes through the canonical
 * model. The translation rules are in docs/translation-responses.md.
 */
package dev.llmgateway.router.codec.responses;
