/**
 * The HTTP server: {@link dev.llmgateway.router.server.GatewayServer} (route table),
 * {@link dev.llmgateway.router.server.Gateway} (assembly and stage order), the edge filter
 * (request ids, CORS) and the chat handler that answers in the caller's dialect.
 */
package dev.llmgateway.router.server;
