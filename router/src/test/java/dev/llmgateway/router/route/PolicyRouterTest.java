package dev.llmgateway.router.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.classifier.Classifier;
import dev.llmgateway.core.auth.ClientIdentity;
import dev.llmgateway.core.error.NotFoundException;
import dev.llmgateway.router.codec.openai.OpenAiChatCodec;
import dev.llmgateway.router.config.ConfigFixtures;
import dev.llmgateway.router.config.GatewayConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Policies swapped at run time; the configuration's live-score keys. */
class PolicyRouterTest {

    private static final GatewayConfig CONFIG = ConfigFixtures.fromYaml("""
            router:
              providers:
                p:
                  base-uri: http://127.0.0.1:1/v1
                  api-key: x
                  models: [cheap, strong]
              policies:
                auto:
                  max-error-rate: 0.5
                  min-requests: 3
                  max-latency-ratio: 0
                  live-window: 2m
                  candidates:
                    - {model: p/cheap, quality: 0.5}
            """);

    private static final ClientIdentity ANYONE = new ClientIdentity("k", "test", List.of());

    @Test
    void yamlLiveKeys_areRead() {
        assertEquals(new LiveRules(0.5, 3, 0, Duration.ofMinutes(2)), CONFIG.policies().get("auto").live());
    }

    @Test
    void yamlCandidateWithoutPrices_isPricedByTheBook_andHalfAPriceIsRefused() {
        assertTrue(!CONFIG.policies().get("auto").candidates().get(0).declaresPrices());
        var e = assertThrows(dev.llmgateway.router.config.ConfigException.class, () -> ConfigFixtures.fromYaml("""
                router:
                  providers:
                    p:
                      base-uri: http://127.0.0.1:1/v1
                      api-key: x
                      models: [cheap]
                  policies:
                    auto:
                      candidates:
                        - {model: p/cheap, quality: 0.5, input-price: 0.15}
                """));
        assertTrue(e.getMessage().contains("give both input-price and output-price, or neither"), e.getMessage());
    }

    @Test
    void use_replacesThePolicies_andARemovedNameIsAnUnknownModelAgain() {
        ModelCatalog catalog = new ModelCatalog(CONFIG);
        PolicyRouter router = new PolicyRouter(catalog, Map.of());
        var request = new OpenAiChatCodec().decode("{\"model\":\"mine\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                .getBytes(StandardCharsets.UTF_8));
        assertThrows(NotFoundException.class, () -> router.plan(request, ANYONE, PolicyRouter.Hints.NONE));

        AutoPolicy mine = new AutoPolicy(new PolicySettings("mine", List.of(new Candidate("p/strong", 1, 1, 0.9, 0, true,
                false, true)), 0.5, Duration.ofMillis(5), Optional.empty()), Classifier.unavailable("test"), m -> true);
        router.use(Map.of("mine", mine));
        assertTrue(router.isPolicy("mine"));
        var plan = router.plan(request, ANYONE, PolicyRouter.Hints.NONE);
        assertEquals("strong", plan.first().model());
        assertTrue(plan.first().reason().startsWith("policy=mine; model=p/strong"), plan.first().reason());

        router.use(Map.of());
        assertFalse(router.isPolicy("mine"));
        assertThrows(NotFoundException.class, () -> router.plan(request, ANYONE, PolicyRouter.Hints.NONE));
    }
}
