/**
 * The upstream account pool: {@link dev.llmgateway.router.pool.AccountPool} hands out leases on
 * {@link dev.llmgateway.router.pool.Account}s chosen by a
 * {@link dev.llmgateway.router.pool.SelectionStrategy}, with per-account
 * {@link dev.llmgateway.router.pool.AccountHealth} (cool-downs, circuit breaker, disabling),
 * limits and session affinity. Pure logic with an injected clock; dispatch leases accounts through
 * {@link dev.llmgateway.router.pool.UpstreamAccounts}.
 */
package dev.llmgateway.router.pool;
