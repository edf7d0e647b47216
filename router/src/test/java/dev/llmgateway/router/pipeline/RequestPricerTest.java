package dev.llmgateway.router.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.core.chat.Usage;
import dev.llmgateway.core.route.Target;
import dev.llmgateway.cost.price.Cost;
import dev.llmgateway.cost.price.PriceBook;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.router.config.GatewayConfig.ProviderType;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestPricerTest {

    private static final PriceBook BOOK = PriceBook.defaults();
    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");

    private static GatewayConfig.Provider provider(String name, ProviderType type, String uri) {
        return new GatewayConfig.Provider(name, type, URI.create(uri), Optional.empty(), List.of(), Map.of(), List.of(),
                "round-robin");
    }

    @Test
    void priceProviderOf_nameThenHostThenType() {
        assertEquals("anthropic", RequestPricer.priceProviderOf(BOOK,
                provider("anthropic", ProviderType.ANTHROPIC, "https://proxy.example/v1")));
        assertEquals("openrouter", RequestPricer.priceProviderOf(BOOK,
                provider("router", ProviderType.OPENAI, "https://openrouter.ai/api/v1")));
        assertEquals("google", RequestPricer.priceProviderOf(BOOK,
                provider("vertex-ish", ProviderType.GEMINI, "http://127.0.0.1:9/v1beta")));
        assertEquals("openai", RequestPricer.priceProviderOf(BOOK,
                provider("local", ProviderType.OPENAI, "http://127.0.0.1:9/v1")));
    }

    @Test
    void cost_servedRequestWithUsage_pricedExactly_elseZero() {
        RequestPricer pricer = new RequestPricer(BOOK,
                Map.of("fake", provider("fake", ProviderType.OPENAI, "http://127.0.0.1:9/v1")));
        Optional<Target> target = Optional.of(new Target("fake", "gpt-4o-mini", "direct"));
        Cost cost = pricer.cost(new RequestOutcome("r", Optional.empty(), target, Optional.of(new Usage(11, 3, 0, 0, 0)),
                200, RequestOutcome.Ending.COMPLETED, AT));
        assertFalse(cost.unpriced());
        assertEquals(0, new BigDecimal("0.00000345").compareTo(cost.usd()), cost.usd().toPlainString());
        Cost none = pricer.cost(new RequestOutcome("r", Optional.empty(), target, Optional.empty(), 502,
                RequestOutcome.Ending.FAILED, AT));
        assertEquals(0, none.usd().signum());
        assertTrue(pricer.cost(new RequestOutcome("r", Optional.empty(),
                Optional.of(new Target("fake", "my-finetune", "direct")), Optional.of(new Usage(1, 1, 0, 0, 0)), 200,
                RequestOutcome.Ending.COMPLETED, AT)).unpriced());
    }
}
