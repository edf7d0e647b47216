package dev.llmgateway.router.pipeline;

import dev.llmgateway.core.pipeline.Chain;
import dev.llmgateway.core.pipeline.Stage;
import dev.llmgateway.core.error.InvalidRequestException;
import dev.llmgateway.router.route.PolicyRouter;
import java.util.Optional;

/**
 * Asks the router for the plan of targets. A client may steer a routing policy with the headers
 * {@code x-gateway-model} (use this candidate) and {@code x-gateway-quality-target} (0 to 1).
 */
public final class RouteStage implements Stage<GatewayExchange> {

    private final PolicyRouter router;

    public RouteStage(PolicyRouter router) {
        this.router = router;
    }

    @Override
    public void handle(GatewayExchange exchange, Chain<GatewayExchange> chain) {
        exchange.plan(router.plan(exchange.request().orElseThrow(), exchange.caller().orElseThrow(), hints(exchange)));
        chain.proceed(exchange);
    }

    static PolicyRouter.Hints hints(GatewayExchange exchange) {
        Optional<Double> target = exchange.header("x-gateway-quality-target").map(v -> {
            try {
                double d = Double.parseDouble(v.trim());
                if (d >= 0 && d <= 1) {
                    return d;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new InvalidRequestException("The header x-gateway-quality-target must be a number from 0 to 1, got '"
                    + v + "'.", null, "invalid_quality_target");
        });
        return new PolicyRouter.Hints(exchange.header("x-gateway-model").map(String::trim).filter(s -> !s.isEmpty()),
                target);
    }
}
