package dev.llmgateway.cost.event;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DeliverCallback;
import dev.llmgateway.core.usage.UsageEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Consumes usage events from RabbitMQ into a {@link UsageSink} (the usage store): manual
 * acknowledgements, sent only after the batch was stored (at least once; the store is idempotent,
 * so effectively once); a message that is not a usage event is rejected without requeue and lands in
 * the dead-letter queue; a store failure requeues the batch. Several consumers (gateway instances or
 * {@code llm-gateway cost-engine} workers) may share the queue. Reconnects on its own.
 */
public final class RabbitUsageConsumer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger("llmgw.usage");
    private static final int BATCH = 500;

    private record Delivery(long tag, byte[] body) {
    }

    private final RabbitSettings settings;
    private final UsageSink sink;
    private final BlockingQueue<Delivery> inbox = new LinkedBlockingQueue<>();
    private final Thread worker;
    private volatile boolean running = true;
    private volatile Connection connection;
    private volatile Channel channel;

    public RabbitUsageConsumer(RabbitSettings settings, UsageSink sink) {
        this.settings = settings;
        this.sink = sink;
        this.worker = Thread.ofPlatform().daemon().name("llmgw-usage-consumer").start(this::run);
    }

    private void run() {
        while (running) {
            try {
                if (channel == null || !channel.isOpen()) {
                    subscribe();
                }
                Delivery first = inbox.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Delivery> batch = new ArrayList<>(BATCH);
                batch.add(first);
                inbox.drainTo(batch, BATCH - 1);
                handle(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | TimeoutException | RuntimeException e) {
                LOG.log(Level.WARNING, "usage consumer: " + e.getMessage() + "; reconnecting", e);
                reset();
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    private void subscribe() throws IOException, TimeoutException {
        reset();
        Connection c = settings.factory().newConnection("llmgw-usage-consumer");
        Channel ch = c.createChannel();
        settings.declare(ch);
        ch.basicQos(2 * BATCH);
        DeliverCallback onMessage = (tag, message) -> inbox.add(new Delivery(message.getEnvelope().getDeliveryTag(),
                message.getBody()));
        ch.basicConsume(settings.queue(), false, onMessage, tag -> { });
        connection = c;
        channel = ch;
    }

    private void handle(List<Delivery> batch) throws IOException {
        Channel ch = channel;
        List<UsageEvent> events = new ArrayList<>(batch.size());
        List<Long> good = new ArrayList<>(batch.size());
        for (Delivery d : batch) {
            try {
                events.add(UsageJson.parse(d.body()));
                good.add(d.tag());
            } catch (UsageJson.MalformedEvent e) {
                LOG.warning(() -> "usage consumer: dead-lettered a message: " + e.getMessage());
                ch.basicReject(d.tag(), false);
            }
        }
        if (events.isEmpty()) {
            return;
        }
        try {
            sink.accept(events);
        } catch (RuntimeException e) {
            LOG.warning(() -> "usage consumer: storing " + events.size() + " event(s) failed (" + e.getMessage()
                    + "); requeued");
            for (long tag : good) {
                ch.basicNack(tag, false, true);
            }
            sleep(Duration.ofMillis(500));
            return;
        }
        for (long tag : good) {
            ch.basicAck(tag, false);
        }
    }

    private void reset() {
        inbox.clear(); // unacknowledged deliveries come back from the broker after the channel closes
        try {
            if (connection != null) {
                connection.abort(1000);
            }
        } catch (RuntimeException ignored) {
            // already gone
        }
        connection = null;
        channel = null;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            worker.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reset();
    }
}
