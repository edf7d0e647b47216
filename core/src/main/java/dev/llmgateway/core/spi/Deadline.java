package dev.llmgateway.core.spi;

import java.time.Duration;

/** A point in monotonic time by which a whole request must be done. */
public record Deadline(long atNanos) {

    public static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos());
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, atNanos - System.nanoTime()));
    }

    public boolean expired() {
        return atNanos - System.nanoTime() <= 0;
    }

    /** The smaller of {@code limit} and the time left. */
    public Duration cap(Duration limit) {
        Duration left = remaining();
        return left.compareTo(limit) < 0 ? left : limit;
    }
}
