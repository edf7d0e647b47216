package dev.llmgateway.models.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void of_scoreEqualsObservedRate_hasNoCalibrationError() {
        double[] p = {0.25, 0.25, 0.25, 0.25};
        boolean[] y = {true, false, false, false};
        Calibration c = Calibration.of(p, y);
        assertEquals(0.25, c.baseRate(), 1e-12);
        assertEquals(0.0, c.ece(), 1e-12);
        assertEquals(0.25 * 0.75, c.brier(), 1e-12);
    }

    @Test
    void of_confidentAndWrong_hasLargeError() {
        Calibration c = Calibration.of(new double[] {0.95, 0.95}, new boolean[] {false, false});
        assertEquals(0.95, c.ece(), 1e-12);
        assertEquals(0.9025, c.brier(), 1e-12);
    }
}
