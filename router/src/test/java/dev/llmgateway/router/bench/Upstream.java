package dev.llmgateway.router.bench;

import dev.llmgateway.core.stream.StreamTranslator;
import dev.llmgateway.router.provider.anthropic.AnthropicTranslators;
import dev.llmgateway.router.provider.gemini.GeminiTranslators;
import dev.llmgateway.router.provider.openai.OpenAiTranslators;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Function;

/**
 * An upstream provider in the translation benchmark: its stream translator and which recorded
 * fixture under {@code fixtures/<id>/} plays each scenario.
 */
enum Upstream {
    OPENAI("openai", OpenAiTranslators::create, Map.of(
            Scenario.TEXT, "text", Scenario.TOOLS, "parallel_tools", Scenario.THINKING, "thinking")),
    ANTHROPIC("anthropic", AnthropicTranslators::create, Map.of(
            Scenario.TEXT, "text", Scenario.TOOLS, "parallel_tools", Scenario.THINKING, "thinking")),
    GEMINI("gemini", GeminiTranslators::create, Map.of(
            Scenario.TEXT, "text", Scenario.TOOLS, "parallel_calls", Scenario.THINKING, "thinking"));

    private final String id;
    private final Function<String, StreamTranslator> translators;
    private final Map<Scenario, String> fixtures;

    Upstream(String id, Function<String, StreamTranslator> translators, Map<Scenario, String> fixtures) {
        this.id = id;
        this.translators = translators;
        this.fixtures = fixtures;
    }

    String id() {
        return id;
    }

    /** A fresh translator, as for every upstream stream. */
    StreamTranslator newTranslator() {
        return translators.apply(id);
    }

    /** The recorded SSE body for {@code scenario}. */
    byte[] fixture(Scenario scenario) {
        String path = "/fixtures/" + id + "/" + fixtures.get(scenario) + ".sse";
        try (InputStream in = Upstream.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Upstream byId(String id) {
        for (Upstream u : values()) {
            if (u.id.equals(id)) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown upstream " + id);
    }
}
