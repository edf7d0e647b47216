package dev.llmgateway.cost.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers alerts on one background thread through every channel: the log, webhooks (when any is
 * configured or named by the alert) and SMTP (when a server is configured). At most 1,000 alerts wait;
 * beyond that an alert is only logged. A failing channel is logged and does not stop the others.
 */
public final class Alerts implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Alerts.class.getName());

    private final List<AlertChannel> channels;
    private final ThreadPoolExecutor worker;

    public Alerts(List<AlertChannel> channels) {
        this.channels = List.copyOf(channels);
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1000),
                r -> Thread.ofPlatform().daemon().name("llmgw-alerts").unstarted(r));
    }

    /** The log, webhooks, and SMTP when {@code settings} has a server. */
    public static Alerts of(AlertSettings settings) {
        List<AlertChannel> channels = new ArrayList<>();
        channels.add(new LogChannel());
        channels.add(new WebhookChannel(settings.webhooks(), settings.timeout()));
        if (settings.smtp().isPresent()) {
            channels.add(new SmtpChannel(settings.smtp().get(), settings.emails(), settings.timeout()));
        } else if (!settings.emails().isEmpty()) {
            LOG.warning("alert e-mail addresses are configured but no SMTP server (cost.alerts.smtp); "
                    + "alerts are not e-mailed");
        }
        return new Alerts(channels);
    }

    /** Queues the alert for delivery; never blocks and never throws. */
    public void raise(Alert alert) {
        try {
            worker.execute(() -> deliver(alert));
        } catch (RuntimeException e) {
            LOG.warning(() -> "alert queue full or closed; alert only logged: " + alert.kind() + " " + alert.title());
        }
    }

    private void deliver(Alert alert) {
        for (AlertChannel c : channels) {
            try {
                c.deliver(alert);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.log(Level.WARNING, "alert " + alert.kind() + " for organization " + alert.orgId()
                        + " could not be delivered by " + c.name() + ": " + e.getMessage());
            }
        }
    }

    /** Waits up to {@code millis} for queued alerts to be delivered (for tests and shutdown). */
    public boolean drain(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (worker.getQueue().isEmpty() && worker.getActiveCount() == 0) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.shutdownNow();
    }
}
