/**
 * The tamper-evident audit log of admin actions: {@link dev.llmgateway.tenancy.audit.AuditLog}
 * appends {@link dev.llmgateway.tenancy.audit.AuditEntry} values inside the caller's transaction and
 * verifies the hash chain.
 */
package dev.llmgateway.tenancy.audit;
