package dev.llmgateway.tenancy.key;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmgateway.tenancy.Changes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ChangeCursorTest {

    private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

    private static List<Changes.Change> seqs(long... seqs) {
        return LongStream.of(seqs).mapToObj(s -> new Changes.Change(s, Changes.Entity.KEY, "key_" + s, T)).toList();
    }

    private static List<Long> seqsOf(List<Changes.Change> changes) {
        return changes.stream().map(Changes.Change::seq).toList();
    }

    @Test
    void accept_contiguous_advancesMark() {
        ChangeCursor c = new ChangeCursor(5, Duration.ofSeconds(30));
        assertEquals(List.of(6L, 7L), seqsOf(c.accept(seqs(6, 7))));
        c.settle(T);
        assertEquals(7, c.from());
    }

    @Test
    void accept_sameChangesAgain_areNotFreshTwice() {
        ChangeCursor c = new ChangeCursor(0, Duration.ofSeconds(30));
        c.accept(seqs(1, 3));
        c.settle(T);
        assertEquals(1, c.from(), "2 is missing, so the mark waits there");
        assertEquals(List.of(2L), seqsOf(c.accept(seqs(2, 3))), "3 was handled already");
        c.settle(T);
        assertEquals(3, c.from());
    }

    @Test
    void settle_holeOlderThanTimeout_isSteppedOver() {
        ChangeCursor c = new ChangeCursor(0, Duration.ofSeconds(30));
        c.accept(seqs(2, 3));
        c.settle(T);
        assertEquals(0, c.from());
        c.settle(T.plusSeconds(29));
        assertEquals(0, c.from());
        c.settle(T.plusSeconds(30));
        assertEquals(3, c.from());
        assertEquals(List.of(), seqsOf(c.accept(seqs(1))), "a change below the mark is too late to count");
    }

    @Test
    void settle_twoHoles_eachWaitsItsOwnTimeout() {
        ChangeCursor c = new ChangeCursor(0, Duration.ofSeconds(30));
        c.accept(seqs(2, 4));
        c.settle(T);
        c.settle(T.plusSeconds(30));
        assertEquals(2, c.from());
        c.settle(T.plusSeconds(45));
        assertEquals(2, c.from(), "the second hole has waited only 15 s");
        assertEquals(List.of(3L), seqsOf(c.accept(seqs(3, 4))));
        c.settle(T.plusSeconds(46));
        assertEquals(4, c.from());
    }
}
