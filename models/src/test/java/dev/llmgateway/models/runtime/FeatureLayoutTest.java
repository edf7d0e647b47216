package dev.llmgateway.models.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FeatureLayoutTest {

    @Test
    void build_embeddingAndLexical_concatenatesInOrder() {
        float[] embedding = new float[SentenceEncoder.DIMENSIONS];
        embedding[0] = 0.5f;
        FeatureLayout layout = new FeatureLayout(true, 64);
        float[] row = layout.build("翻译成英文", embedding);
        assertEquals(SentenceEncoder.DIMENSIONS + 64, row.length);
        assertEquals(0.5f, row[0]);
        double norm = 0;
        for (int i = SentenceEncoder.DIMENSIONS; i < row.length; i++) {
            norm += row[i] * row[i];
        }
        assertEquals(1.0, norm, 1e-5);
    }

    @Test
    void lexical_numbersDifferOnlyInDigits_hashAlike() {
        assertArrayEquals(LexicalFeatures.hashed("what is 3 + 4", 256), LexicalFeatures.hashed("what is 7 + 9", 256));
        assertNotEquals(0f, LexicalFeatures.hashed("what is 3 + 4", 256)[Math.floorMod(LexicalFeatures.fnv1a("s:+"), 256)]);
    }

    @Test
    void lexical_textWithoutTokens_isZeroVector() {
        assertArrayEquals(new float[8], LexicalFeatures.hashed("  ,. ", 8));
    }

    @Test
    void featureLayout_noBlocks_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new FeatureLayout(false, 0));
    }
}
