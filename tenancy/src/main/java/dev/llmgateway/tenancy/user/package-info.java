/**
 * People: {@link dev.llmgateway.tenancy.user.Users} with roles, {@link dev.llmgateway.tenancy.user.Logins}
 * (password login with Argon2id, sessions, lock-out) and {@link dev.llmgateway.tenancy.user.Invitations}.
 */
package dev.llmgateway.tenancy.user;
