package dev.llmgateway.router.server;

import dev.llmgateway.cost.event.InProcessUsageBus;
import dev.llmgateway.cost.event.RabbitUsageBus;
import dev.llmgateway.cost.event.RabbitUsageConsumer;
import dev.llmgateway.cost.event.Spool;
import dev.llmgateway.cost.event.UsageBus;
import dev.llmgateway.cost.usage.UsagePartitions;
import dev.llmgateway.cost.usage.UsageStore;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.store.Database;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where this instance's usage events go: in-process straight into the usage store (the default), or
 * to RabbitMQ, with this instance also consuming the queue into the store unless
 * {@code cost.consume: false} (then {@code llm-gateway cost-engine} workers do it). Thread-safe.
 */
public final class UsagePipeline implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger("llmgw.usage");

    private final UsageBus bus;
    private final UsageStore store;
    private final Optional<RabbitUsageConsumer> consumer;
    private final GatewayConfig.Cost settings;
    private final UsagePartitions partitions;

    private UsagePipeline(UsageBus bus, UsageStore store, Optional<RabbitUsageConsumer> consumer,
                          GatewayConfig.Cost settings, UsagePartitions partitions) {
        this.bus = bus;
        this.store = store;
        this.consumer = consumer;
        this.settings = settings;
        this.partitions = partitions;
    }

    /** Starts the bus (and consumer), after making sure this month's usage partitions exist on PostgreSQL. */
    public static UsagePipeline start(GatewayConfig.Cost cost, Database db) {
        UsageStore store = new UsageStore(db);
        UsagePartitions partitions = UsagePartitions.of(db);
        LOG.info(() -> "usage store layout: " + partitions.layout());
        ensurePartitions(partitions, Instant.now());
        Spool spool = new Spool(cost.spoolDir());
        if (!cost.rabbitmq()) {
            return new UsagePipeline(new InProcessUsageBus(store, spool, 100_000), store, Optional.empty(), cost,
                    partitions);
        }
        Optional<RabbitUsageConsumer> consumer = cost.consume()
                ? Optional.of(new RabbitUsageConsumer(cost.rabbit(), store)) : Optional.empty();
        return new UsagePipeline(new RabbitUsageBus(cost.rabbit(), spool), store, consumer, cost, partitions);
    }

    public UsageBus bus() {
        return bus;
    }

    public UsageStore store() {
        return store;
    }

    /** Daily upkeep: next months' partitions, then raw events past retention (whole months dropped first). */
    void applyRetention(Instant now) {
        ensurePartitions(partitions, now);
        try {
            partitions.dropBefore(now.minus(settings.retention()));
            store.deleteRawBefore(now.minus(settings.retention()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "usage retention failed; tried again tomorrow", e);
        }
    }

    /** Never throws: without its monthly partition a row goes to the DEFAULT partition and is moved later. */
    public static void ensurePartitions(UsagePartitions partitions, Instant now) {
        try {
            partitions.ensure(now);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not create usage partitions; rows go to the default partition meanwhile", e);
        }
    }

    @Override
    public void close() {
        bus.close();
        consumer.ifPresent(RabbitUsageConsumer::close);
    }
}
