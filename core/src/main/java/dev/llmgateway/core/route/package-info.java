/** Routing values: a {@link dev.llmgateway.core.route.RoutePlan} of {@link dev.llmgateway.core.route.Target}s. */
package dev.llmgateway.core.route;
