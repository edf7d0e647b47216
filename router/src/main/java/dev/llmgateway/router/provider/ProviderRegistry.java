package dev.llmgateway.router.provider;

import dev.llmgateway.core.spi.ProviderAdapter;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.router.provider.openai.OpenAiCompatibleAdapter;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One adapter per configured provider, each with its own pooled keep-alive HTTP client (so one
 * provider's slow connections never hold another's). Immutable after construction; thread-safe.
 */
public final class ProviderRegistry implements AutoCloseable {

    private final Map<String, ProviderAdapter> adapters = new LinkedHashMap<>();
    private final Map<String, HttpClient> clients = new LinkedHashMap<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public ProviderRegistry(GatewayConfig config, Clock clock) {
        for (GatewayConfig.Provider p : config.providers().values()) {
            HttpClient.Builder b = HttpClient.newBuilder()
                    .connectTimeout(config.timeouts().connect())
                    .executor(executor)
                    .followRedirects(HttpClient.Redirect.NEVER);
            // Plain http:// upstreams get HTTP/1.1 directly instead of an h2c upgrade attempt.
            b.version("https".equals(p.baseUri().getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1);
            HttpClient client = b.build();
            clients.put(p.name(), client);
            UpstreamTransport transport = new UpstreamTransport(p.name(), client, clock);
            adapters.put(p.name(), switch (p.type()) {
                case OPENAI -> new OpenAiCompatibleAdapter(p, transport);
                case ANTHROPIC -> new dev.llmgateway.router.provider.anthropic.AnthropicAdapter(p, transport);
                case GEMINI -> new dev.llmgateway.router.provider.gemini.GeminiAdapter(p, transport, client, clock);
                // wiring: one case line per provider type (ANTHROPIC, GEMINI) goes here
            });
        }
    }

    public Optional<ProviderAdapter> adapter(String provider) {
        return Optional.ofNullable(adapters.get(provider));
    }

    public int size() {
        return adapters.size();
    }

    @Override
    public void close() {
        clients.values().forEach(HttpClient::shutdownNow);
        executor.shutdownNow();
    }
}
