package dev.llmgateway.cost.alert;

/** One way of delivering alerts. Implementations may block (they run on the alert thread) and may throw. */
public interface AlertChannel {

    /** A short name for logs: {@code log}, {@code webhook}, {@code smtp}. */
    String name();

    void deliver(Alert alert) throws Exception;
}
