package dev.llmgateway.router.cli;

import dev.llmgateway.router.config.ConfigException;
import dev.llmgateway.router.config.ConfigLoader;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.router.log.LogSetup;
import dev.llmgateway.router.server.GatewayServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llm-gateway server --config FILE}: runs the gateway until stopped. */
@Command(name = "server", description = "Run the gateway with a YAML configuration file (LLMGW_* variables override it).")
final class ServerCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, description = "YAML configuration file; without it, defaults and LLMGW_* only.")
    Path config;

    @Override
    public Integer call() {
        GatewayConfig cfg;
        try {
            cfg = ConfigLoader.load(Optional.ofNullable(config), System.getenv());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        LogSetup.configure(cfg.logLevel());
        run(cfg);
        return 0;
    }

    static GatewayServer run(GatewayConfig cfg) {
        Logger log = Logger.getLogger(ServerCommand.class.getName());
        if (cfg.security().clientKeys().isEmpty()) {
            log.warning("no client keys are configured (security.client-keys): every API request will get 401");
        }
        if (cfg.providers().isEmpty()) {
            log.warning("no providers are configured (router.providers): /health/ready reports DOWN");
        }
        GatewayServer server = GatewayServer.start(cfg, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            log.info("shutting down");
            server.close();
        }));
        return server;
    }
}
