package dev.llmgateway.tenancy.key;

import dev.llmgateway.tenancy.Changes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Where a reader of the change feed stands. Sequence numbers are handed out when a transaction
 * inserts its row but become visible when it commits, so a later number can be seen before an
 * earlier one: reading "after the highest seen" would skip the earlier change for ever. The cursor
 * therefore keeps a low-water mark (every number at or below it handled) plus the numbers above it
 * already handled, and re-reads from the mark. A hole that stays open longer than
 * {@code gapTimeout} was a rolled-back transaction and is stepped over. Not thread-safe: one reader.
 */
final class ChangeCursor {

    private final Duration gapTimeout;
    private final TreeSet<Long> handled = new TreeSet<>();
    private long low;
    private Instant gapSince;

    ChangeCursor(long start, Duration gapTimeout) {
        this.low = start;
        this.gapTimeout = gapTimeout;
    }

    /** Read the feed after this sequence number. */
    long from() {
        return low;
    }

    /** The changes of {@code batch} not handled before, in order; they count as handled from now on. */
    List<Changes.Change> accept(List<Changes.Change> batch) {
        List<Changes.Change> fresh = new ArrayList<>();
        for (Changes.Change c : batch) {
            if (c.seq() > low && handled.add(c.seq())) {
                fresh.add(c);
            }
        }
        return fresh;
    }

    /** Moves the mark up over what is handled; steps over a hole older than the timeout. */
    void settle(Instant now) {
        advance();
        if (handled.isEmpty()) {
            gapSince = null;
            return;
        }
        if (gapSince == null) {
            gapSince = now;
        } else if (!now.isBefore(gapSince.plus(gapTimeout))) {
            low = handled.first() - 1;
            advance();
            gapSince = handled.isEmpty() ? null : now;
        }
    }

    private void advance() {
        while (!handled.isEmpty() && handled.first() == low + 1) {
            low = handled.pollFirst();
        }
    }
}
