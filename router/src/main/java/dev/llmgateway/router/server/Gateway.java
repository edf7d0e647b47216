package dev.llmgateway.router.server;

import dev.llmgateway.core.pipeline.Stage;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.router.pipeline.AuthenticateStage;
import dev.llmgateway.router.pipeline.Backoff;
import dev.llmgateway.router.pipeline.DecodeStage;
import dev.llmgateway.router.pipeline.DispatchStage;
import dev.llmgateway.router.pipeline.GatewayExchange;
import dev.llmgateway.router.pipeline.RouteStage;
import dev.llmgateway.router.pool.UpstreamAccounts;
import dev.llmgateway.router.provider.ProviderRegistry;
import dev.llmgateway.router.route.ModelCatalog;
import dev.llmgateway.security.keys.KeyRing;
import java.time.Clock;
import java.util.List;

/**
 * The assembled gateway: configuration, keys, catalog, providers and the stage order (written
 * once, here). Thread-safe; shared by all requests.
 */
public final class Gateway implements AutoCloseable {

    private final GatewayConfig config;
    private final KeyRing keys;
    private final ModelCatalog catalog;
    private final ProviderRegistry providers;
    private final UpstreamAccounts accounts;
    private final List<Stage<GatewayExchange>> stages;

    public Gateway(GatewayConfig config, Clock clock) {
        this(config, clock, new Backoff(config.retry()));
    }

    Gateway(GatewayConfig config, Clock clock, Backoff backoff) {
        this.config = config;
        this.keys = new KeyRing(config.security().clientKeys());
        this.catalog = new ModelCatalog(config);
        this.providers = new ProviderRegistry(config, clock);
        this.accounts = UpstreamAccounts.fromConfig(config, clock);
        this.stages = List.of(
                new AuthenticateStage(keys),
                new DecodeStage(),
                new RouteStage(catalog),
                new DispatchStage(providers, accounts, config.timeouts(), backoff, clock));
    }

    public GatewayConfig config() {
        return config;
    }

    KeyRing keys() {
        return keys;
    }

    ModelCatalog catalog() {
        return catalog;
    }

    List<Stage<GatewayExchange>> stages() {
        return stages;
    }

    ProviderRegistry providers() {
        return providers;
    }

    /** The upstream account pool, for the admin API. */
    public UpstreamAccounts accounts() {
        return accounts;
    }

    int providerCount() {
        return providers.size();
    }

    @Override
    public void close() {
        providers.close();
    }
}
