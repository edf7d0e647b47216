package dev.llmgateway.cost.usage;

import dev.llmgateway.core.usage.UsageEvent;
import dev.llmgateway.cost.event.Events;
import dev.llmgateway.cost.event.RabbitSettings;
import dev.llmgateway.cost.event.RabbitUsageBus;
import dev.llmgateway.cost.event.RabbitUsageConsumer;
import dev.llmgateway.cost.event.Spool;
import dev.llmgateway.store.DatabaseKind;
import dev.llmgateway.testing.TestBroker;
import dev.llmgateway.testing.TestDatabase;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Usage ingestion throughput into PostgreSQL: straight into the store in batches of 500, and end to
 * end through RabbitMQ (publisher confirms, consumer, store). Not a test; run with
 * {@code bench/ingestion.sh [events]}.
 */
public final class IngestionBench {

    private IngestionBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        List<UsageEvent> events = new ArrayList<>(n);
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        String[] orgs = {"org_a", "org_b", "org_c", "org_d"};
        String[] models = {"gpt-4o", "gpt-4o-mini", "claude-sonnet-4-5", "gemini-2.5-flash"};
        for (int i = 0; i < n; i++) {
            events.add(Events.event(orgs[i % 4], models[(i / 4) % 4], 100 + i % 900, 50 + i % 300, "0.000321",
                    start.plusSeconds(i * 20L)));
        }
        try (TestDatabase t = TestDatabase.open(DatabaseKind.POSTGRESQL)) {
            UsageStore store = new UsageStore(t.database());
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i += 500) {
                store.accept(events.subList(i, Math.min(n, i + 500)));
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("store, batches of 500: %d events in %.2f s = %.0f events/s (rows: %d)%n", n, s, n / s,
                    store.count());
        }
        TestBroker.require();
        String queue = TestBroker.uniqueQueue();
        RabbitSettings rabbit = new RabbitSettings(TestBroker.HOST, TestBroker.PORT, TestBroker.USER,
                TestBroker.PASSWORD, "/", queue);
        try (TestDatabase t = TestDatabase.open(DatabaseKind.POSTGRESQL)) {
            UsageStore store = new UsageStore(t.database());
            long t0 = System.nanoTime();
            try (RabbitUsageBus bus = new RabbitUsageBus(rabbit, new Spool(Files.createTempDirectory("bench-spool")));
                 RabbitUsageConsumer consumer = new RabbitUsageConsumer(rabbit, store)) {
                events.forEach(bus::publish);
                while (store.count() < n) {
                    Thread.sleep(100);
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("through RabbitMQ (confirms, consumer, store): %d events in %.2f s = %.0f events/s%n", n,
                    s, n / s);
        } finally {
            var f = new com.rabbitmq.client.ConnectionFactory();
            f.setHost(TestBroker.HOST);
            f.setPort(TestBroker.PORT);
            try (var c = f.newConnection(); var ch = c.createChannel()) {
                ch.queueDelete(queue);
                ch.queueDelete(queue + ".dlq");
            }
        }
    }
}
