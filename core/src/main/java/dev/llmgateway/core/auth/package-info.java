/** Who is calling: {@link dev.llmgateway.core.auth.ClientIdentity}. */
package dev.llmgateway.core.auth;
