package dev.llmgateway.models.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingScoreTest {

    private static final List<String> LABELS = List.of(RoutingScore.BOTH_WRONG, RoutingScore.BOTH_RIGHT,
            RoutingScore.ONLY_WEAK_RIGHT, RoutingScore.ONLY_STRONG_RIGHT);

    @Test
    void outcome_eachPairOfResults_hasItsLabel() {
        assertEquals(RoutingScore.BOTH_RIGHT, RoutingScore.outcome(true, true));
        assertEquals(RoutingScore.ONLY_STRONG_RIGHT, RoutingScore.outcome(true, false));
        assertEquals(RoutingScore.ONLY_WEAK_RIGHT, RoutingScore.outcome(false, true));
        assertEquals(RoutingScore.BOTH_WRONG, RoutingScore.outcome(false, false));
    }

    @Test
    void columns_headInAnyLabelOrder_findsEachOutcome() {
        assertArrayEquals(new int[] {1, 3, 2, 0}, RoutingScore.columns(LABELS));
    }

    @Test
    void columns_binaryHead_isRejected() {
        assertThrows(ModelMissingException.class, () -> RoutingScore.columns(List.of("weak_fails", "weak_ok")));
    }

    @Test
    void complexityAndGain_fromOutcomeProbabilities() {
        int[] columns = RoutingScore.columns(LABELS);
        // both wrong 0.2, both right 0.4, only weak 0.1, only strong 0.3
        float[] p = {0.2f, 0.4f, 0.1f, 0.3f};
        assertEquals(0.5, RoutingScore.complexity(p, columns), 1e-6);
        assertEquals(0.3 - 0.1 + 0.25 * 0.2, new RoutingScore(0.25, List.of(0.0, 1.0), 0).gain(p, columns), 1e-6);
        assertEquals(0.2, new RoutingScore(0, List.of(0.0, 1.0), 0).gain(p, columns), 1e-6);
    }

    @Test
    void difficulty_interpolatesBetweenPercentilesAndClampsOutside() {
        RoutingScore score = new RoutingScore(0, List.of(-0.2, 0.0, 0.1, 0.5, 0.6), 0);
        assertEquals(0.0, score.difficulty(-0.5));
        assertEquals(0.0, score.difficulty(-0.2));
        assertEquals(0.125, score.difficulty(-0.1), 1e-9);
        assertEquals(0.5, score.difficulty(0.1), 1e-9);
        assertEquals(0.625, score.difficulty(0.3), 1e-9);
        assertEquals(1.0, score.difficulty(0.6));
        assertEquals(1.0, score.difficulty(2));
    }

    @Test
    void percentiles_ofUniformGrid_areTheGrid() {
        double[] gains = new double[101];
        for (int i = 0; i <= 100; i++) {
            gains[100 - i] = i / 100.0;
        }
        List<Double> q = RoutingScore.percentiles(gains);
        assertEquals(101, q.size());
        assertEquals(0.0, q.get(0), 1e-12);
        assertEquals(0.37, q.get(37), 1e-12);
        assertEquals(1.0, q.get(100), 1e-12);
        RoutingScore score = new RoutingScore(0, q, 0);
        assertEquals(0.42, score.difficulty(0.42), 1e-9);
    }

    @Test
    void constructor_descendingQuantiles_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RoutingScore(0, List.of(0.5, 0.1), 0));
        assertThrows(IllegalArgumentException.class, () -> new RoutingScore(0, List.of(0.5), 0));
    }

    @Test
    void difficulty_withDemand_blendsThePercentilesByTheirWeight() {
        RoutingScore score = new RoutingScore(0, List.of(0.0, 1.0), 0.25);
        assertEquals(0.75 * 0.4 + 0.25 * 0.8, score.difficulty(0.4, 0.8), 1e-12);
        assertEquals(0.4, new RoutingScore(0, List.of(0.0, 1.0), 0).difficulty(0.4, 0.8), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new RoutingScore(0, List.of(0.0, 1.0), 1.5));
    }

    @Test
    void taskDemand_expectedLevelAndPercentile() {
        int[] columns = TaskDemand.columns(List.of(TaskDemand.DEMANDING, TaskDemand.LIGHT, TaskDemand.MODERATE));
        assertArrayEquals(new int[] {1, 2, 0}, columns);
        float[] p = {0.2f, 0.5f, 0.3f}; // demanding, light, moderate
        assertEquals(0.5 * 0.3 + 0.2, TaskDemand.expected(p, columns), 1e-6);
        assertEquals(0.5, new TaskDemand(List.of(0.0, 0.5, 1.0)).percentile(0.5), 1e-12);
        assertThrows(ModelMissingException.class, () -> TaskDemand.columns(List.of("light", "heavy")));
    }
}
