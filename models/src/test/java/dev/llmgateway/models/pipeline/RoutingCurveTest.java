package dev.llmgateway.models.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RoutingCurveTest {

    // prompts 0 and 1: only the strong model is right; 2 and 3: both are right
    private static final boolean[] STRONG = {true, true, true, true};
    private static final boolean[] WEAK = {false, false, true, true};

    @Test
    void of_scoresRankingGainsFirst_recoversGapWithHalfTheCalls() {
        RoutingCurve c = RoutingCurve.of(new double[] {0.9, 0.8, 0.1, 0.2}, STRONG, WEAK);
        assertEquals(0.5, c.weakQuality(), 1e-9);
        assertEquals(1.0, c.strongQuality(), 1e-9);
        assertEquals(0.5, c.cpt95(), 1e-9);
        // PGR 0, .5, 1, 1, 1 at shares 0, .25, .5, .75, 1 → trapezoid area .75
        assertEquals(0.75, c.apgr(), 1e-9);
    }

    @Test
    void of_scoresRankingGainsLast_isWorseThanRandom() {
        RoutingCurve c = RoutingCurve.of(new double[] {0.1, 0.2, 0.9, 0.8}, STRONG, WEAK);
        // PGR 0, 0, 0, .5, 1 → area .25, and half the gap needs three calls in four
        assertEquals(0.75, c.cpt50(), 1e-9);
        assertEquals(0.25, c.apgr(), 1e-9);
    }

    @Test
    void random_manyDraws_apgrIsAboutHalf() {
        boolean[] strong = new boolean[400];
        boolean[] weak = new boolean[400];
        for (int i = 0; i < 400; i++) {
            strong[i] = true;
            weak[i] = i % 3 != 0;
        }
        assertEquals(0.5, RoutingCurve.random(strong, weak, 200, 7).apgr(), 0.02);
    }

    @Test
    void qualityAt_halfShare_interpolatesBetweenModels() {
        RoutingCurve c = RoutingCurve.of(new double[] {0.9, 0.8, 0.1, 0.2}, STRONG, WEAK);
        assertEquals(1.0, c.qualityAt(0.5), 1e-9);
        assertEquals(0.5, c.qualityAt(0.0), 1e-9);
    }
}
