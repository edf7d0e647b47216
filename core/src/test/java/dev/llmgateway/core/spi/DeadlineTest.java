package dev.llmgateway.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    @Test
    void expired_farFutureDeadline_isFalse() {
        assertFalse(Deadline.after(Duration.ofHours(1)).expired());
    }

    @Test
    void expired_zeroBudget_isTrue() {
        assertTrue(Deadline.after(Duration.ZERO).expired());
    }

    @Test
    void expired_pastDeadline_isTrue() {
        assertTrue(Deadline.after(Duration.ofSeconds(-5)).expired());
        assertTrue(new Deadline(System.nanoTime() - 1).expired());
    }

    @Test
    void cap_limitSmallerThanTimeLeft_returnsLimit() {
        assertEquals(Duration.ofSeconds(1), Deadline.after(Duration.ofHours(1)).cap(Duration.ofSeconds(1)));
    }

    @Test
    void cap_timeLeftSmallerThanLimit_returnsTimeLeft() {
        Duration capped = Deadline.after(Duration.ofSeconds(1)).cap(Duration.ofHours(1));
        assertTrue(capped.compareTo(Duration.ofSeconds(1)) <= 0, capped.toString());
        assertTrue(capped.compareTo(Duration.ofHours(1)) < 0, capped.toString());
    }

    @Test
    void cap_expiredDeadline_returnsZero() {
        assertEquals(Duration.ZERO, Deadline.after(Duration.ofSeconds(-5)).cap(Duration.ofSeconds(1)));
    }

    @Test
    void remaining_expiredDeadline_isZeroNotNegative() {
        assertEquals(Duration.ZERO, Deadline.after(Duration.ofHours(-1)).remaining());
    }

    @Test
    void remaining_futureDeadline_isPositiveAndNotMoreThanBudget() {
        Duration left = Deadline.after(Duration.ofHours(1)).remaining();
        assertTrue(left.compareTo(Duration.ZERO) > 0, left.toString());
        assertTrue(left.compareTo(Duration.ofHours(1)) <= 0, left.toString());
        assertTrue(left.compareTo(Duration.ofMinutes(59)) > 0, left.toString());
    }
}
