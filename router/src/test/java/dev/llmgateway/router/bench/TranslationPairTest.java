package dev.llmgateway.router.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of {@link TranslationBench} translates its fixture into real output, so none measures nothing. */
class TranslationPairTest {

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Upstream u : Upstream.values()) {
            for (Client c : Client.values()) {
                for (Scenario s : Scenario.values()) {
                    out.add(Arguments.of(u, c, s));
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void run_everyCase_readsEventsAndEncodesOutput(Upstream upstream, Client client, Scenario scenario) {
        TranslationPair pair = TranslationPair.of(upstream, client, scenario);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<byte[]> pieces = new ArrayList<>();
        int events = pair.run(bytes -> {
            out.writeBytes(bytes);
            pieces.add(bytes);
        });
        assertTrue(events >= 3, pair + ": " + events + " events");
        assertTrue(out.size() >= 100, pair + ": only " + out.size() + " bytes out");
        if (scenario == Scenario.TOOLS) {
            // Gemini clients get whole function calls, written at the end of the stream
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("get_weather"), pair + ": no tool call");
        } else {
            assertTrue(out.size() > pieces.get(pieces.size() - 1).length, pair + ": nothing before the end");
        }
    }
}
