package dev.llmgateway.router.server;

import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.security.keys.KeyEntry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A gateway built directly from records, pointing its one provider at an arbitrary local port. */
final class JunkGateway {

    private JunkGateway() {
    }

    static GatewayServer start(int upstreamPort) {
        GatewayConfig.Provider p = new GatewayConfig.Provider("fake", GatewayConfig.ProviderType.OPENAI,
                URI.create("http://127.0.0.1:" + upstreamPort + "/v1"), Optional.empty(), List.of("gpt-4o"), Map.of());
        // a fresh directory each time: a fixed one is shared with every other checkout's test run,
        // whose database may hold migrations this one does not know
        GatewayConfig config = new GatewayConfig(tempDir(), "INFO",
                false, new GatewayConfig.Server("127.0.0.1", 0, 65536, List.of()),
                new GatewayConfig.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2),
                        Duration.ofSeconds(10)),
                new GatewayConfig.Retry(2, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(1)),
                Map.of("fake", p), Map.of(),
                new GatewayConfig.Security(Optional.empty(),
                        List.of(KeyEntry.fromPlainKey("full", GatewayHarness.FULL_KEY, List.of()))));
        return GatewayServer.start(config, Clock.systemUTC());
    }

    private static Path tempDir() {
        try {
            Path dir = java.nio.file.Files.createTempDirectory("llmgw-junk");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
