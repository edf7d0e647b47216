package dev.llmgateway.router.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.router.codec.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * The wait a Gemini error asks for: a {@code google.rpc.RetryInfo} entry in {@code error.details}
 * whose {@code retryDelay} is a protobuf Duration in JSON ({@code "37s"}, {@code "1.5s"}).
 */
public final class GeminiRetryInfo {

    private GeminiRetryInfo() {
    }

    public static Optional<Duration> parse(byte[] errorBody) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(errorBody);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (root == null) {
            return Optional.empty();
        }
        for (JsonNode d : root.path("error").path("details")) {
            if (d.path("@type").asText("").endsWith("google.rpc.RetryInfo")) {
                return duration(d.path("retryDelay").asText(""));
            }
        }
        return Optional.empty();
    }

    static Optional<Duration> duration(String text) {
        String t = text.trim();
        if (!t.endsWith("s")) {
            return Optional.empty();
        }
        try {
            BigDecimal seconds = new BigDecimal(t.substring(0, t.length() - 1));
            if (seconds.signum() < 0) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis(seconds.movePointRight(3).longValue()));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
