package dev.llmgateway.cost.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.llmgateway.core.usage.UsageEvent;
import dev.llmgateway.cost.usage.UsageStore;
import dev.llmgateway.store.DatabaseKind;
import dev.llmgateway.testing.TestBroker;
import dev.llmgateway.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Usage events through the real RabbitMQ server into the usage store on H2 and PostgreSQL. */
class RabbitUsageBusIT {

    private String queue;
    private RabbitSettings settings;

    @BeforeEach
    void queue() {
        TestBroker.require();
        queue = TestBroker.uniqueQueue();
        settings = new RabbitSettings(TestBroker.HOST, TestBroker.PORT, TestBroker.USER, TestBroker.PASSWORD, "/", queue);
    }

    @AfterEach
    void deleteQueues() throws Exception {
        try (Connection c = factory().newConnection(); Channel ch = c.createChannel()) {
            ch.queueDelete(queue);
            ch.queueDelete(queue + ".dlq");
        }
    }

    private static ConnectionFactory factory() {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(TestBroker.HOST);
        f.setPort(TestBroker.PORT);
        f.setUsername(TestBroker.USER);
        f.setPassword(TestBroker.PASSWORD);
        return f;
    }

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        for (int i = 0; i < 300 && !done.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertTrue(done.getAsBoolean(), what);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void publishThenConsume_everyEventStoredOnce_duplicatesCountedOnce_malformedDeadLettered(DatabaseKind kind,
            @TempDir Path spoolDir) throws Exception {
        try (TestDatabase t = TestDatabase.open(kind)) {
            UsageStore store = new UsageStore(t.database());
            List<UsageEvent> events = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                events.add(Events.event(i));
            }
            try (RabbitUsageBus bus = new RabbitUsageBus(settings, new Spool(spoolDir));
                 RabbitUsageConsumer consumer = new RabbitUsageConsumer(settings, store)) {
                events.forEach(bus::publish);
                events.subList(0, 100).forEach(bus::publish); // redelivered / published twice
                await(() -> store.count() == 1000 && bus.pending() == 0, "all events stored: " + store.count());
                try (Connection c = factory().newConnection(); Channel ch = c.createChannel()) {
                    ch.basicPublish("", queue, new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                            "{not an event".getBytes(StandardCharsets.UTF_8));
                    await(() -> {
                        try {
                            return ch.messageCount(queue + ".dlq") == 1;
                        } catch (Exception e) {
                            return false;
                        }
                    }, "the malformed message is dead-lettered");
                }
            }
            assertEquals(1000, store.count());
            assertEquals(1000L, t.database().execute().get("SELECT SUM(requests) AS s FROM usage_daily")
                    .flatMap(r -> dev.llmgateway.store.Rows.longValue(r, "s")).orElse(0L));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void brokerUnreachable_eventsSpooled_thenReplayedInOrder_noneLost(DatabaseKind kind, @TempDir Path spoolDir)
            throws Exception {
        try (TestDatabase t = TestDatabase.open(kind)) {
            UsageStore store = new UsageStore(t.database());
            RabbitSettings nowhere = new RabbitSettings(TestBroker.HOST, 1, TestBroker.USER, TestBroker.PASSWORD, "/",
                    queue);
            List<UsageEvent> events = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                events.add(Events.event(i));
            }
            try (RabbitUsageBus down = new RabbitUsageBus(nowhere, new Spool(spoolDir))) {
                events.forEach(down::publish);
                await(() -> new Spool(spoolDir).pending() == 300, "all spooled while the broker is away");
                assertTrue(!down.connected());
            }
            // the gateway restarts with the broker back: the spool is replayed before anything new
            try (RabbitUsageBus bus = new RabbitUsageBus(settings, new Spool(spoolDir));
                 RabbitUsageConsumer consumer = new RabbitUsageConsumer(settings, store)) {
                UsageEvent later = Events.event(999);
                bus.publish(later);
                await(() -> store.count() == 301, "spooled and new events stored: " + store.count());
                assertEquals(0, bus.pending());
            }
        }
    }
}
