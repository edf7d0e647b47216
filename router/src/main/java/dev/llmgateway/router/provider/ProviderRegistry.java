package dev.llmgateway.router.provider;

import dev.llmgateway.core.spi.ProviderAdapter;
import dev.llmgateway.router.accounttype.AccountTypes;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.router.provider.anthropic.AnthropicAdapter;
import dev.llmgateway.router.provider.gemini.GeminiAdapter;
import dev.llmgateway.router.provider.openai.OpenAiCompatibleAdapter;
import dev.llmgateway.router.upstream.HttpEngine;
import dev.llmgateway.router.upstream.JdkHttpEngine;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One adapter per configured provider, each with its own pooled keep-alive HTTP engine (so one
 * provider's slow connections never hold another's). Immutable after construction; thread-safe.
 */
public final class ProviderRegistry implements AutoCloseable {

    private final Map<String, ProviderAdapter> adapters = new LinkedHashMap<>();
    private final Map<String, HttpEngine> engines = new LinkedHashMap<>();

    public ProviderRegistry(GatewayConfig config, Clock clock) {
        this(config, AccountTypes.of(config.accounts()), clock);
    }

    /** {@code types} prepare each request for the chosen account's type. */
    public ProviderRegistry(GatewayConfig config, AccountTypes types, Clock clock) {
        for (GatewayConfig.Provider p : config.providers().values()) {
            HttpEngine engine = new JdkHttpEngine(p.baseUri(), config.timeouts().connect());
            engines.put(p.name(), engine);
            UpstreamTransport transport = new UpstreamTransport(p.name(), engine, clock);
            adapters.put(p.name(), switch (p.type()) {
                case OPENAI -> new OpenAiCompatibleAdapter(p, transport, types);
                case ANTHROPIC -> new AnthropicAdapter(p, transport, types);
                case GEMINI -> new GeminiAdapter(p, transport, types);
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
        engines.values().forEach(HttpEngine::close);
    }
}
