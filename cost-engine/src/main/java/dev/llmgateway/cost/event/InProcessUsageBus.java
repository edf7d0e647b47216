package dev.llmgateway.cost.event;

import dev.llmgateway.core.usage.UsageEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The default bus: events go from the request threads through a bounded in-memory queue to one
 * thread that stores them in batches. When the store fails (database down) the batch is retried with
 * back-off; when the queue is full, or at shutdown with events still queued, they go to the durable
 * spool and are stored from there later, so none is lost. Thread-safe.
 */
public final class InProcessUsageBus implements UsageBus {

    private static final Logger LOG = Logger.getLogger("llmgw.usage");
    private static final int BATCH = 500;

    private final BlockingQueue<UsageEvent> queue;
    private final UsageSink sink;
    private final Spool spool;
    private final Thread worker;
    private volatile boolean running = true;

    public InProcessUsageBus(UsageSink sink, Spool spool, int capacity) {
        this.sink = sink;
        this.spool = spool;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.worker = Thread.ofPlatform().daemon().name("llmgw-usage-store").start(this::run);
    }

    @Override
    public void publish(UsageEvent event) {
        if (!running || !queue.offer(event)) {
            try {
                spool.append(List.of(event));
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "usage event " + event.id() + " could not be queued nor spooled", e);
            }
        }
    }

    @Override
    public long pending() {
        return queue.size() + spool.pending();
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        while (running || !queue.isEmpty()) {
            try {
                if (!spool.isEmpty()) {
                    spool.drain(BATCH, sink::accept);
                }
                UsageEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<UsageEvent> batch = new ArrayList<>(BATCH);
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                storeWithRetry(batch, backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "usage store failed; retrying from the spool", e);
                sleep(backoff);
            }
        }
    }

    private void storeWithRetry(List<UsageEvent> batch, Duration backoff) {
        Duration wait = backoff;
        while (true) {
            try {
                sink.accept(batch);
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    spool.append(batch);
                    return;
                }
                LOG.warning(() -> "usage store failed (" + e.getMessage() + "); " + batch.size()
                        + " event(s) spooled, retried in the background");
                spool.append(batch); // durable now; the loop stores it from the spool
                sleep(wait);
                return;
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops taking events; what is still queued is stored or, failing that, spooled. */
    @Override
    public void close() {
        running = false;
        try {
            worker.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<UsageEvent> rest = new ArrayList<>();
        queue.drainTo(rest);
        spool.append(rest);
    }
}
