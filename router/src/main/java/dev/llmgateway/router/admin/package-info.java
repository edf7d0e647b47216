/**
 * The admin REST API under {@code /admin/api/v1}: {@link dev.llmgateway.router.admin.AdminService}
 * (routes, authenticated by {@link dev.llmgateway.router.admin.AdminAuth}), account views that never
 * carry a secret ({@link dev.llmgateway.router.admin.AccountJson}, {@link dev.llmgateway.router.admin.KeyHint}),
 * request counters ({@link dev.llmgateway.router.admin.PoolStats}) and upstream health probes
 * ({@link dev.llmgateway.router.admin.AccountProber}, applied to the pool, on demand and in the
 * background, by {@link dev.llmgateway.router.admin.HealthChecks}).
 */
package dev.llmgateway.router.admin;
