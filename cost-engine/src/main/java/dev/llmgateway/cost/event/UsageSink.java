package dev.llmgateway.cost.event;

import dev.llmgateway.core.usage.UsageEvent;
import java.util.List;

/**
 * Where usage events end up (the usage store). {@link #accept} must be idempotent by event id: the
 * buses deliver at least once, so a redelivered event is counted once. Throws when the batch could
 * not be stored; the caller then keeps it and retries.
 */
public interface UsageSink {

    void accept(List<UsageEvent> batch);
}
