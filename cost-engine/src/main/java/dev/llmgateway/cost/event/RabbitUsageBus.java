package dev.llmgateway.cost.event;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
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
 * Publishes usage events to RabbitMQ: persistent messages (delivery mode 2) on a durable queue,
 * publisher confirms per batch, the event id as message id. Request threads only enqueue; one
 * publisher thread sends. Whenever the broker is unreachable or a batch is not confirmed, the batch
 * goes to the durable spool, and while the spool holds anything new events are spooled behind it, so
 * delivery order is kept; the thread reconnects (at most once a second) and replays the spool in
 * order. A batch may be sent twice (confirmed late, then replayed): consumers are idempotent by id.
 * Thread-safe.
 */
public final class RabbitUsageBus implements UsageBus {

    private static final Logger LOG = Logger.getLogger("llmgw.usage");
    private static final int BATCH = 500;
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(5);

    private final RabbitSettings settings;
    private final Spool spool;
    private final BlockingQueue<UsageEvent> queue = new LinkedBlockingQueue<>(100_000);
    private final Thread publisher;
    private volatile boolean running = true;
    private Connection connection;
    private Channel channel;
    private long nextConnectAttempt;

    public RabbitUsageBus(RabbitSettings settings, Spool spool) {
        this.settings = settings;
        this.spool = spool;
        this.publisher = Thread.ofPlatform().daemon().name("llmgw-usage-publisher").start(this::run);
    }

    @Override
    public void publish(UsageEvent event) {
        if (!running || !queue.offer(event)) {
            spool.append(List.of(event));
        }
    }

    @Override
    public long pending() {
        return queue.size() + spool.pending();
    }

    /** True while a broker connection is open (for health checks and tests). */
    public boolean connected() {
        Channel ch = channel;
        return ch != null && ch.isOpen();
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            List<UsageEvent> batch = new ArrayList<>(BATCH);
            try {
                UsageEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            step(batch);
        }
    }

    private void step(List<UsageEvent> batch) {
        boolean backlog = !spool.isEmpty();
        if (backlog || !connected()) {
            spool.append(batch);
            if (connect()) {
                try {
                    spool.drain(BATCH, this::send);
                } catch (RuntimeException e) {
                    disconnect("replay of the spool failed: " + e.getMessage());
                }
            }
            return;
        }
        if (!batch.isEmpty()) {
            try {
                send(batch);
            } catch (RuntimeException e) {
                spool.append(batch);
                disconnect("publish failed: " + e.getMessage());
            }
        }
    }

    /** Publishes persistently and waits for the broker's confirms; throws when any is missing. */
    private void send(List<UsageEvent> batch) {
        try {
            for (UsageEvent e : batch) {
                AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().deliveryMode(2)
                        .contentType("application/json").messageId(e.id()).type("usage.v1").build();
                channel.basicPublish("", settings.queue(), true, props, UsageJson.bytes(e));
            }
            channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());
        } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("broker did not confirm " + batch.size() + " event(s): "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private boolean connect() {
        if (connected()) {
            return true;
        }
        long now = System.currentTimeMillis();
        if (now < nextConnectAttempt) {
            return false;
        }
        nextConnectAttempt = now + 1000;
        try {
            connection = settings.factory().newConnection("llmgw-usage-publisher");
            channel = connection.createChannel();
            settings.declare(channel);
            channel.confirmSelect();
            LOG.info(() -> "usage events: connected to " + settings);
            return true;
        } catch (IOException | TimeoutException e) {
            disconnect(null);
            return false;
        }
    }

    private void disconnect(String why) {
        if (why != null) {
            LOG.warning(() -> "usage events: broker connection lost (" + why + "); spooling until it is back");
        }
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

    /** Stops: queued events are sent if the broker is there, else spooled; the connection closes. */
    @Override
    public void close() {
        running = false;
        try {
            publisher.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<UsageEvent> rest = new ArrayList<>();
        queue.drainTo(rest);
        spool.append(rest);
        try {
            disconnect(null);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing the broker connection", e);
        }
    }
}
