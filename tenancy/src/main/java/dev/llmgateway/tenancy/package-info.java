/**
 * Tenancy: who the gateway's callers are and what they may do. Shared types here
 * ({@link dev.llmgateway.tenancy.Actor}, {@link dev.llmgateway.tenancy.Role},
 * {@link dev.llmgateway.tenancy.TenancyException}, paging, ids, the change feed); one package per
 * feature below ({@code org}, {@code user}, {@code key}, {@code quota}, {@code audit}).
 */
package dev.llmgateway.tenancy;
