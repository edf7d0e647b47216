/**
 * Model resolution and listing ({@link dev.llmgateway.router.route.ModelCatalog}) and smart routing:
 * policies ({@link dev.llmgateway.router.route.AutoPolicy}) with their live scores
 * ({@link dev.llmgateway.router.route.LiveScore}), the router that swaps them at run time
 * ({@link dev.llmgateway.router.route.PolicyRouter}) and those managed through the admin API
 * ({@link dev.llmgateway.router.route.RoutingPolicies}).
 */
package dev.llmgateway.router.route;
