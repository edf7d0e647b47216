/**
 * Upstream secrets at rest: {@link dev.llmgateway.security.secrets.SecretBox} (AES-256-GCM, bound
 * to the owning account's id) and {@link dev.llmgateway.security.secrets.MasterKeys} (where the master
 * key comes from, and the production-mode refusal).
 */
package dev.llmgateway.security.secrets;
