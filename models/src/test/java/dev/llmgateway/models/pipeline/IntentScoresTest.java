package dev.llmgateway.models.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class IntentScoresTest {

    @Test
    void of_mixedPredictions_macroAveragesGoldClassesOnly() {
        IntentScores s = IntentScores.of(
                List.of("math", "math", "coding", "coding"),
                List.of("math", "coding", "coding", "translation"));
        assertEquals(0.5, s.accuracy(), 1e-9);
        // math P=1 R=.5 F1=.667; coding P=.5 R=.5 F1=.5; translation is not a gold class
        assertEquals((2.0 / 3 + 0.5) / 2, s.macroF1(), 1e-9);
        assertFalse(s.perClass().containsKey("translation"));
    }
}
