/** Model resolution and listing: {@link dev.llmgateway.router.route.ModelCatalog}. */
package dev.llmgateway.router.route;
