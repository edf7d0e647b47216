package dev.llmgateway.router.cli;

import dev.llmgateway.cost.event.RabbitUsageConsumer;
import dev.llmgateway.cost.usage.UsageStore;
import dev.llmgateway.router.config.ConfigException;
import dev.llmgateway.router.config.ConfigLoader;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.router.log.LogSetup;
import dev.llmgateway.store.Database;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code llm-gateway cost-engine --config FILE}: consumes usage events from RabbitMQ into the usage
 * store as a process of its own, until stopped. Several may run side by side on one queue; gateways
 * then set {@code cost.consume: false}. Uses the same configuration file as the gateway.
 */
@Command(name = "cost-engine", description = "Consume usage events from RabbitMQ into the usage store (a worker process).")
final class CostEngineCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, description = "YAML configuration file (store.* and cost.*); LLMGW_* override it.")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        GatewayConfig cfg;
        try {
            cfg = ConfigLoader.load(Optional.ofNullable(config), System.getenv());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        LogSetup.configure(cfg.logLevel());
        if (!cfg.cost().rabbitmq()) {
            System.err.println("cost.bus is in-process: the gateway stores its own usage; set cost.bus: rabbitmq "
                    + "to run separate cost-engine workers.");
            return 2;
        }
        Logger log = Logger.getLogger(CostEngineCommand.class.getName());
        Database db = Database.open(cfg.store());
        dev.llmgateway.router.server.UsagePipeline.ensurePartitions(
                dev.llmgateway.cost.usage.UsagePartitions.of(db), java.time.Instant.now());
        RabbitUsageConsumer consumer = new RabbitUsageConsumer(cfg.cost().rabbit(), new UsageStore(db));
        log.info(() -> "cost engine consuming " + cfg.cost().rabbit() + " into " + cfg.store().redactedUrl());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            log.info("cost engine stopping");
            consumer.close();
            db.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
