/**
 * Organizations ({@link dev.llmgateway.tenancy.org.Organizations}) and their teams
 * ({@link dev.llmgateway.tenancy.org.Teams}).
 */
package dev.llmgateway.tenancy.org;
