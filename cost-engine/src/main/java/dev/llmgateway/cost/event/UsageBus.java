package dev.llmgateway.cost.event;

import dev.llmgateway.core.usage.UsageEvent;

/**
 * Carries usage events from the gateway to the cost engine. {@link #publish} never throws and never
 * waits on a broker for long: an event that cannot be handed on at once goes to the local durable
 * spool and is delivered later, in order. Thread-safe.
 */
public interface UsageBus extends AutoCloseable {

    void publish(UsageEvent event);

    /** Events accepted but not yet delivered (queued or spooled), for health and tests. */
    long pending();

    @Override
    void close();
}
