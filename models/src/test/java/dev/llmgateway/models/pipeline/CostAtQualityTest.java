package dev.llmgateway.models.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CostAtQualityTest {

    // 4 prompts: the strong model is right on all, the weak one on the first two
    private static final boolean[] STRONG = {true, true, true, true};
    private static final boolean[] WEAK = {true, true, false, false};
    private static final double[] STRONG_COST = {10, 10, 10, 10};
    private static final double[] WEAK_COST = {1, 1, 1, 1};

    @Test
    void of_perfectRouter_sendsOnlyTheWeakModelsMissesToTheStrongModel() {
        CostAtQuality c = CostAtQuality.of(new double[] {0.1, 0.2, 0.9, 0.8}, STRONG, WEAK, STRONG_COST, WEAK_COST, 1.0);
        assertEquals(0.5, c.strongShare());
        assertEquals(1 - 22.0 / 40.0, c.saving(), 1e-12);
    }

    @Test
    void of_reverseRouter_needsEveryStrongCall() {
        CostAtQuality c = CostAtQuality.of(new double[] {0.9, 0.8, 0.1, 0.2}, STRONG, WEAK, STRONG_COST, WEAK_COST, 1.0);
        assertEquals(1.0, c.strongShare());
        assertEquals(0.0, c.saving(), 1e-12);
    }

    @Test
    void of_lowerQualityGoal_stopsEarlier() {
        // 95% of 4 correct = 3.8: one strong call gives 3 right, two give 4
        CostAtQuality c = CostAtQuality.of(new double[] {0.1, 0.2, 0.9, 0.8}, STRONG, WEAK, STRONG_COST, WEAK_COST, 0.75);
        assertEquals(0.25, c.strongShare());
        assertEquals(1 - 13.0 / 40.0, c.saving(), 1e-12);
    }

    @Test
    void random_averagesBetweenPerfectAndReverse() {
        CostAtQuality r = CostAtQuality.random(STRONG, WEAK, STRONG_COST, WEAK_COST, 1.0, 200, 42);
        assertTrue(r.strongShare() > 0.5 && r.strongShare() < 1.0, "share " + r.strongShare());
        assertTrue(r.saving() > 0 && r.saving() < 1 - 22.0 / 40.0, "saving " + r.saving());
    }

    @Test
    void spearman_monotoneAndReversed() {
        double[] a = {1, 2, 3, 4};
        assertEquals(1.0, RankCorrelation.spearman(a, new double[] {10, 20, 30, 40}), 1e-12);
        assertEquals(-0.8, RankCorrelation.spearman(a, new double[] {4, 3, 2, 2.5}), 1e-12);
        assertEquals(-1.0, RankCorrelation.spearman(a, Arrays.stream(a).map(x -> -x).toArray()), 1e-12);
    }
}
