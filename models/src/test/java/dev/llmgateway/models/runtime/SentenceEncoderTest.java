package dev.llmgateway.models.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SentenceEncoderTest {

    private static SentenceEncoder encoder;
    private static EncoderSession session;

    @BeforeAll
    static void load() {
        encoder = SentenceEncoder.fromClasspath(EncoderSettings.defaults());
        session = encoder.newSession();
    }

    @AfterAll
    static void close() {
        session.close();
        encoder.close();
    }

    @Test
    void embed_anyText_returnsUnitVectorOfModelDimension() {
        float[] v = session.embed("Write a Python function that reverses a string.");
        assertEquals(SentenceEncoder.DIMENSIONS, v.length);
        assertEquals(1.0, dot(v, v), 1e-4);
    }

    @Test
    void embed_paraphrases_areCloserThanUnrelatedText() {
        float[] a = session.embed("How do I sort a list in Python?");
        float[] b = session.embed("Sorting a Python list, how?");
        float[] c = session.embed("A recipe for fluffy pancakes with blueberries.");
        assertTrue(dot(a, b) > dot(a, c) + 0.2, "paraphrase " + dot(a, b) + " vs unrelated " + dot(a, c));
    }

    @Test
    void embed_textLongerThanTokenLimit_isTruncatedNotRejected() {
        float[] v = session.embed("word ".repeat(5_000));
        assertEquals(1.0, dot(v, v), 1e-4);
    }

    private static double dot(float[] x, float[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    @Test
    void embed_textLongerThanCharBound_sameAsWithoutTheTail() {
        String prefix = "The committee reviewed the budget and approved the new library wing. ".repeat(40);
        String longer = prefix + "An entirely different closing topic about volcanoes. ".repeat(200);
        float[] a = session.embed(prefix);
        float[] b = session.embed(longer);
        assertEquals(1.0, dot(a, b), 1e-5, "tokens past the encoder's limit must not matter");
    }

    @Test
    void clip_cutInsideSurrogatePair_dropsTheHalfPair() {
        String text = "ab\uD83D\uDE00cd"; // an emoji at positions 2-3
        assertEquals("ab", EncoderTranslator.clip(text, 3));
        assertEquals("ab\uD83D\uDE00", EncoderTranslator.clip(text, 4));
        assertEquals(text, EncoderTranslator.clip(text, 100));
    }
}
