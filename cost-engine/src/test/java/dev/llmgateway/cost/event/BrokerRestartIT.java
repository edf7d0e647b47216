package dev.llmgateway.cost.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.llmgateway.core.usage.UsageEvent;
import dev.llmgateway.cost.usage.UsageStore;
import dev.llmgateway.store.DatabaseKind;
import dev.llmgateway.testing.TestBroker;
import dev.llmgateway.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real RabbitMQ server is restarted ({@code rabbitmqctl stop_app} / {@code start_app}) while
 * events are published steadily: every event ends up in the PostgreSQL usage store exactly once.
 * Needs the right to run {@code rabbitmqctl} (root on the CI machine); skipped elsewhere unless
 * {@code CI=true}, where it must run.
 */
class BrokerRestartIT {

    private static final int EVENTS = 2000;

    private String queue;
    private RabbitSettings settings;

    @BeforeEach
    void queue() {
        TestBroker.require();
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (!ci) {
            Assumptions.assumeTrue(rabbitmqctl("status") == 0, "rabbitmqctl is not usable here");
        }
        queue = TestBroker.uniqueQueue();
        settings = new RabbitSettings(TestBroker.HOST, TestBroker.PORT, TestBroker.USER, TestBroker.PASSWORD, "/", queue);
    }

    @AfterEach
    void deleteQueues() throws Exception {
        rabbitmqctl("start_app"); // whatever happened, leave the broker running
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(TestBroker.HOST);
        f.setPort(TestBroker.PORT);
        try (Connection c = f.newConnection(); Channel ch = c.createChannel()) {
            ch.queueDelete(queue);
            ch.queueDelete(queue + ".dlq");
        }
    }

    @Test
    void brokerRestartDuringSteadyPublishing_everyEventStoredOnce(@TempDir Path spoolDir) throws Exception {
        try (TestDatabase t = TestDatabase.open(DatabaseKind.POSTGRESQL);
             RabbitUsageBus bus = new RabbitUsageBus(settings, new Spool(spoolDir));
             RabbitUsageConsumer consumer = new RabbitUsageConsumer(settings, new UsageStore(t.database()))) {
            UsageStore store = new UsageStore(t.database());
            AtomicInteger published = new AtomicInteger();
            AtomicBoolean sawDisconnect = new AtomicBoolean();
            Thread publisher = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < EVENTS; i++) {
                    bus.publish(Events.event(i));
                    published.incrementAndGet();
                    if (!bus.connected()) {
                        sawDisconnect.set(true);
                    }
                    sleepQuietly(i % 4 == 0 ? 3 : 2); // about 5 s of steady load
                }
            });
            await(() -> published.get() >= EVENTS / 4, 10_000);
            assertEquals(0, rabbitmqctl("stop_app"), "rabbitmqctl stop_app");
            Thread.sleep(500);
            assertEquals(0, rabbitmqctl("start_app"), "rabbitmqctl start_app");
            publisher.join(60_000);
            assertEquals(EVENTS, published.get());
            assertTrue(await(() -> store.count() == EVENTS, 90_000), "stored " + store.count() + " of " + EVENTS
                    + "; still pending in the bus: " + bus.pending());
            assertTrue(sawDisconnect.get(), "the publisher noticed the restart (events went to the spool)");
            assertEquals(0, bus.pending());
            // each event once, also in the rollups (a redelivery after the restart is skipped by id)
            assertEquals(EVENTS, t.database().execute().get("SELECT SUM(requests) AS n FROM usage_daily")
                    .map(r -> dev.llmgateway.store.Rows.requiredLong(r, "n")).orElse(0L));
        }
    }

    private static boolean await(java.util.function.BooleanSupplier done, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!done.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        return done.getAsBoolean();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs {@code rabbitmqctl <command>} (bounded to 60 s); its exit code, or -1 when it cannot run. */
    private static int rabbitmqctl(String command) {
        try {
            Process p = new ProcessBuilder("rabbitmqctl", command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
