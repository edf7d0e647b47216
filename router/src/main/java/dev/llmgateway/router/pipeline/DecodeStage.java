package dev.llmgateway.router.pipeline;

import dev.llmgateway.core.pipeline.Chain;
import dev.llmgateway.core.pipeline.Stage;

/** Decodes the body with the ingress dialect's codec into the canonical request. */
public final class DecodeStage implements Stage<GatewayExchange> {

    @Override
    public void handle(GatewayExchange exchange, Chain<GatewayExchange> chain) {
        exchange.request(exchange.codec().decode(exchange.body(), exchange.decodeContext()));
        chain.proceed(exchange);
    }
}
