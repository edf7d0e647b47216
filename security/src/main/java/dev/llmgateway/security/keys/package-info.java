/**
 * Client API keys: {@link dev.llmgateway.security.keys.ApiKeys} (format, generation, hashing) and
 * {@link dev.llmgateway.security.keys.KeyRing} (constant-time authentication of configured keys).
 */
package dev.llmgateway.security.keys;
