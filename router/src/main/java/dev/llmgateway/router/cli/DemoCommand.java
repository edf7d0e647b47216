package dev.llmgateway.router.cli;

import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.router.config.Secret;
import dev.llmgateway.router.demo.Simulator;
import dev.llmgateway.router.log.LogSetup;
import dev.llmgateway.router.server.GatewayServer;
import dev.llmgateway.security.keys.ApiKeys;
import dev.llmgateway.security.keys.KeyEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code llm-gateway demo}: the gateway on embedded defaults with the built-in simulated upstream.
 * No database server, no broker, no network beyond loopback.
 */
@Command(name = "demo", description = "Run the gateway with a built-in simulated upstream; no keys or network needed.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--key", description = "Client API key to accept (or LLMGW_DEMO_KEY); generated when absent.")
    String key;

    @Option(names = "--admin-key", description = "Admin key (or LLMGW_ADMIN_KEY); generated when absent.")
    String adminKey;

    @Option(names = "--data-dir", defaultValue = "./data", description = "Data directory (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--quiet", description = "No access log lines.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        LogSetup.configure("INFO");
        String clientKey = firstOf(key, System.getenv("LLMGW_DEMO_KEY")).orElseGet(ApiKeys::generate);
        String admin = firstOf(adminKey, System.getenv("LLMGW_ADMIN_KEY")).orElseGet(ApiKeys::generate);
        Simulator simulator = Simulator.start();
        GatewayConfig config = config(simulator, clientKey, admin);
        GatewayServer server = ServerCommand.run(config);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(simulator::close));
        printBanner(server.port(), clientKey, admin, key == null && System.getenv("LLMGW_DEMO_KEY") == null,
                adminKey == null && System.getenv("LLMGW_ADMIN_KEY") == null);
        return 0;
    }

    GatewayConfig config(Simulator simulator, String clientKey, String admin) {
        GatewayConfig.Provider demo = new GatewayConfig.Provider("demo", GatewayConfig.ProviderType.OPENAI,
                simulator.baseUri(), Optional.of(new Secret("simulator-needs-no-key")), Simulator.MODELS, Map.of());
        GatewayConfig.Provider demoGemini = new GatewayConfig.Provider("demo-gemini", GatewayConfig.ProviderType.GEMINI,
                java.net.URI.create(simulator.baseUri() + "beta"), Optional.of(new Secret("simulator-needs-no-key")),
                Simulator.MODELS, Map.of());
        GatewayConfig.Provider demoAnthropic = new GatewayConfig.Provider("demo-anthropic",
                GatewayConfig.ProviderType.ANTHROPIC, simulator.baseUri(), Optional.of(new Secret("simulator-needs-no-key")),
                Simulator.MODELS, Map.of());
        GatewayConfig base = new GatewayConfig(dataDir, "INFO", !quiet,
                new GatewayConfig.Server(host, port, 10L * 1024 * 1024, List.of("*")),
                new GatewayConfig.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(10),
                        Duration.ofSeconds(60)),
                new GatewayConfig.Retry(3, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(5)),
                Map.of("demo", demo, "demo-gemini", demoGemini, "demo-anthropic", demoAnthropic),
                Map.of("gpt-4o-mini", "demo/echo", "fast", "demo/fast"),
                new GatewayConfig.Security(Optional.of(ApiKeys.hash(admin)),
                        List.of(KeyEntry.fromPlainKey("demo", clientKey, List.of()))));
        return withDemoPolicy(withDemoPrices(base));
    }

    /**
     * {@code "model": "auto"} in the demo: a routing policy over a cheap candidate ({@code demo/fast},
     * declared at gpt-4o-mini's prices, quality 0.5) and a strong one ({@code demo/echo}, declared at
     * gpt-4o's, quality 0.9), quality target 0.5, so the classifier's difficulty decides and
     * {@code x-gateway-route} says why. The declared prices are the policy's; the demo's price book
     * bills every simulated model alike.
     */
    static GatewayConfig withDemoPolicy(GatewayConfig c) {
        java.util.Map<String, dev.llmgateway.router.route.PolicySettings> policies = new java.util.LinkedHashMap<>(c.policies());
        policies.putIfAbsent(DEMO_POLICY, new dev.llmgateway.router.route.PolicySettings(DEMO_POLICY, List.of(
                new dev.llmgateway.router.route.Candidate("demo/fast", 0.15, 0.60, 0.5, 128_000, true, false, true),
                new dev.llmgateway.router.route.Candidate("demo/echo", 2.50, 10.00, 0.9, 128_000, true, true, true)),
                0.5, Duration.ofMillis(500), Optional.of("demo/fast")));
        return new GatewayConfig(c.dataDir(), c.logLevel(), c.accessLog(), c.server(), c.timeouts(), c.retry(),
                c.providers(), c.aliases(), c.security(), c.pool(), policies, c.store(), c.tenancy(), c.secrets(),
                c.accounts(), c.cost(), c.fallbacks());
    }

    static final String DEMO_POLICY = "auto";

    /**
     * The demo's models priced like gpt-4o-mini ({@code demo-prices.json}, written to the data
     * directory as the {@code cost.price-book}), so reports, limits and budgets show money.
     */
    static GatewayConfig withDemoPrices(GatewayConfig c) {
        java.nio.file.Path file = c.dataDir().resolve("demo-prices.json");
        try (java.io.InputStream in = DemoCommand.class.getResourceAsStream("/dev/llmgateway/router/demo/demo-prices.json")) {
            java.nio.file.Files.createDirectories(c.dataDir());
            java.nio.file.Files.write(file, in.readAllBytes());
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("cannot write the demo price book to " + file, e);
        }
        GatewayConfig.Cost cost = c.cost();
        GatewayConfig.Cost priced = new GatewayConfig.Cost(cost.rabbitmq(), cost.rabbit(), cost.consume(), cost.spoolDir(),
                cost.retention(), Optional.of(file), cost.budgets(), cost.alerts(), cost.anomaly());
        return new GatewayConfig(c.dataDir(), c.logLevel(), c.accessLog(), c.server(), c.timeouts(), c.retry(),
                c.providers(), c.aliases(), c.security(), c.pool(), c.policies(), c.store(), c.tenancy(), c.secrets(),
                c.accounts(), priced, c.fallbacks());
    }

    private static Optional<String> firstOf(String a, String b) {
        if (a != null && !a.isBlank()) {
            return Optional.of(a.trim());
        }
        return Optional.ofNullable(b).map(String::trim).filter(s -> !s.isEmpty());
    }

    private void printBanner(int boundPort, String clientKey, String admin, boolean showKey, boolean showAdmin) {
        String base = "http://" + host + ":" + boundPort;
        StringBuilder sb = new StringBuilder();
        sb.append("\nLLM Gateway demo is running at ").append(base).append("/v1\n");
        sb.append("  client key : ").append(showKey ? clientKey + "   (generated; shown once)" : "(as given)").append('\n');
        sb.append("  admin key  : ").append(showAdmin ? admin + "   (generated; shown once)" : "(as given)").append('\n');
        sb.append("  models     : ").append(String.join(", ", Simulator.MODELS.stream().map(m -> "demo/" + m).toList()))
                .append(", gpt-4o-mini (alias of demo/echo), auto (routing policy: demo/fast or demo/echo by difficulty)\n");
        sb.append("  try        : curl -s ").append(base).append("/v1/chat/completions -H 'Authorization: Bearer ")
                .append(showKey ? clientKey : "$LLMGW_DEMO_KEY")
                .append("' -H 'Content-Type: application/json' -d '{\"model\":\"demo/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}'\n");
        sb.append("  Ctrl-C stops it.\n");
        System.out.println(sb);
        System.out.flush();
    }
}
