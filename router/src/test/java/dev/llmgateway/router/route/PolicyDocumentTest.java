package dev.llmgateway.router.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.router.config.GatewayConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading admin-API policy bodies: every problem named with its field; the stored form round-trips. */
class PolicyDocumentTest {

    private static final Map<String, GatewayConfig.Provider> PROVIDERS = Map.of("openai",
            new GatewayConfig.Provider("openai", GatewayConfig.ProviderType.OPENAI, URI.create("https://api.openai.com/v1"),
                    Optional.empty(), List.of("gpt-4o-mini", "gpt-4o"), Map.of()));

    private static ObjectNode body(String json) {
        return Json.parseObject(json.getBytes(StandardCharsets.UTF_8));
    }

    private static PolicyDocument.Checked read(String json) {
        return PolicyDocument.read("cheap-first", body(json), PROVIDERS);
    }

    private static String problems(String json) {
        return read(json).problems().toString();
    }

    @Test
    void validBody_defaultsFilledIn() {
        PolicyDocument.Checked c = read("{\"candidates\":[{\"model\":\"openai/gpt-4o-mini\",\"quality\":0.6,"
                + "\"input_price\":0.15,\"output_price\":0.6}]}");
        assertEquals(List.of(), c.problems());
        PolicySettings s = c.settings().orElseThrow();
        assertEquals("cheap-first", s.name());
        assertEquals(0.5, s.qualityTarget());
        assertEquals(Duration.ofMillis(50), s.classifyBudget());
        assertEquals(LiveRules.DEFAULTS, s.live());
        Candidate only = s.candidates().get(0);
        assertEquals(new Candidate("openai/gpt-4o-mini", 0.15, 0.6, 0.6, 0, true, false, true), only);
    }

    @Test
    void storedForm_roundTrips() {
        PolicySettings s = read("{\"quality_target\":0.7,\"classify_budget\":\"2s\",\"fallback\":\"openai/gpt-4o\","
                + "\"max_error_rate\":0.5,\"min_requests\":3,\"max_latency_ratio\":0,\"live_window\":\"90s\","
                + "\"candidates\":[{\"model\":\"openai/gpt-4o-mini\",\"quality\":0.6},{\"model\":\"openai/gpt-4o\","
                + "\"quality\":0.9,\"vision\":true,\"context\":128000}]}").settings().orElseThrow();
        assertEquals(new LiveRules(0.5, 3, 0, Duration.ofSeconds(90)), s.live());
        ObjectNode stored = PolicyDocument.toJson(s);
        assertEquals("90s", stored.path("live_window").asText());
        assertEquals("2s", stored.path("classify_budget").asText());
        assertEquals(s, PolicyDocument.read("cheap-first", stored, PROVIDERS).settings().orElseThrow());
    }

    @Test
    void everyProblem_isNamedWithItsField() {
        String p = problems("{\"quality_target\":1.5,\"fallback\":\"openai/gpt-5\",\"colour\":\"red\","
                + "\"live_window\":\"1h\",\"min_requests\":2.5,\"candidates\":["
                + "{\"model\":\"openai/gpt-5\",\"quality\":0.5},"
                + "{\"model\":\"nowhere/x\",\"quality\":0.5},"
                + "{\"model\":\"openai/gpt-4o-mini\",\"quality\":-0.1,\"input_price\":-1,\"tools\":\"yes\"},"
                + "{\"model\":\"openai/gpt-4o\",\"quality\":0.9,\"speed\":3},"
                + "{\"model\":\"openai/gpt-4o\",\"quality\":0.9}]}");
        for (String expected : List.of(
                "colour: unknown field",
                "quality_target: must be from 0 to 1, got 1.5",
                "min_requests: must be a whole number",
                "live_window: must be from 10s to 15m, got 1h",
                "candidates[0].model: unknown model 'openai/gpt-5': 'gpt-5' is not in the models of provider 'openai'",
                "candidates[1].model: unknown model 'nowhere/x': must be provider/model for a configured provider",
                "candidates[2].quality: must be from 0 to 1, got -0.1",
                "candidates[2].input_price: must not be negative, got -1",
                "candidates[2].tools: must be true or false",
                "candidates[3].speed: unknown field",
                "candidates[4].model: 'openai/gpt-4o' is a candidate already",
                "fallback: 'openai/gpt-5' is not one of the candidates")) {
            assertTrue(p.contains(expected), "missing '" + expected + "' in " + p);
        }
    }

    @Test
    void missingCandidatesOrQuality_andWrongTypes() {
        assertTrue(problems("{}").contains("candidates: is required"));
        assertTrue(problems("{\"candidates\":[]}").contains("candidates: must be a list of at least one"));
        String p = problems("{\"quality_target\":\"high\",\"classify_budget\":50,\"candidates\":[{\"model\":\"openai/gpt-4o\"}]}");
        assertTrue(p.contains("quality_target: must be a number"), p);
        assertTrue(p.contains("classify_budget: must be a duration"), p);
        assertTrue(p.contains("candidates[0].quality: is required"), p);
        assertTrue(problems("{\"max_latency_ratio\":0.5,\"candidates\":[{\"model\":\"openai/gpt-4o\",\"quality\":1}]}")
                .contains("max_latency_ratio: must be 0 (off) or at least 1"));
    }

    @Test
    void pricesLeftOut_meanThePriceBook_butNotJustOneOfThem() {
        PolicySettings s = read("{\"candidates\":[{\"model\":\"openai/gpt-4o\",\"quality\":0.9}]}").settings().orElseThrow();
        assertTrue(!s.candidates().get(0).declaresPrices(), "no prices: the price book's apply");
        assertTrue(!PolicyDocument.toJson(s).path("candidates").get(0).has("input_price"), "and none are stored");
        assertTrue(problems("{\"candidates\":[{\"model\":\"openai/gpt-4o\",\"quality\":0.9,\"input_price\":2.5}]}")
                .contains("candidates[0]: give both input_price and output_price, or neither"));
    }
}
