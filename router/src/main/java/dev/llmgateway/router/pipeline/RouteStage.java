package dev.llmgateway.router.pipeline;

import dev.llmgateway.core.pipeline.Chain;
import dev.llmgateway.core.pipeline.Stage;
import dev.llmgateway.core.route.RoutingPolicy;

/** Asks the routing policy for the plan of targets. */
public final class RouteStage implements Stage<GatewayExchange> {

    private final RoutingPolicy policy;

    public RouteStage(RoutingPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void handle(GatewayExchange exchange, Chain<GatewayExchange> chain) {
        exchange.plan(policy.plan(exchange.request().orElseThrow(), exchange.caller().orElseThrow()));
        chain.proceed(exchange);
    }
}
