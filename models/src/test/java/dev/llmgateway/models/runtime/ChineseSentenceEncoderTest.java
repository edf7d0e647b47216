package dev.llmgateway.models.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** bge-small-zh-v1.5 (int8) through the same runtime as MiniLM: 512-d, CLS pooling. */
class ChineseSentenceEncoderTest {

    private static SentenceEncoder encoder;
    private static EncoderSession session;

    @BeforeAll
    static void load() {
        encoder = SentenceEncoder.fromClasspath(EncoderModel.BGE_SMALL_ZH, EncoderSettings.defaults());
        session = encoder.newSession();
    }

    @AfterAll
    static void close() {
        session.close();
        encoder.close();
    }

    @Test
    void embed_returnsUnitVectorOf512Dimensions() {
        assertEquals(EncoderModel.BGE_SMALL_ZH, encoder.spec());
        float[] v = session.embed("请写一个 Python 函数，把字符串反转。");
        assertEquals(512, v.length);
        assertEquals(1.0, dot(v, v), 1e-4);
    }

    @Test
    void embed_paraphrases_areCloserThanUnrelatedText() {
        float[] a = session.embed("如何在 Python 中对列表排序？");
        float[] b = session.embed("Python 列表怎么排序？");
        float[] c = session.embed("蓝莓松饼的做法是什么？");
        assertTrue(dot(a, b) > dot(a, c) + 0.1, "paraphrase " + dot(a, b) + " vs unrelated " + dot(a, c));
    }

    @Test
    void embed_isTheClsTokenNotTheMean() {
        // CLS pooling reads only the first token's state, which still depends on the whole (truncated)
        // text; mean pooling over the same states would differ. Compare against a translator that pools by mean.
        try (var meanSession = new EncoderSession(encoderModel().newPredictor(
                new EncoderTranslator(tokenizer(), EncoderSettings.DEFAULT_MAX_TOKENS, Pooling.Mode.MEAN, 512)))) {
            float[] cls = session.embed("今天天气很好，我们去公园散步吧。");
            float[] mean = meanSession.embed("今天天气很好，我们去公园散步吧。");
            assertEquals(512, mean.length);
            assertTrue(dot(cls, mean) < 0.999, "CLS and mean pooling gave the same vector");
            assertArrayEquals(cls, session.embed("今天天气很好，我们去公园散步吧。"), "deterministic");
        }
    }

    @Test
    void embed_textLongerThanTokenLimit_isTruncatedNotRejected() {
        float[] v = session.embed("中文测试".repeat(2_000));
        assertEquals(1.0, dot(v, v), 1e-4);
    }

    private static ai.djl.Model encoderModel() {
        return encoder.model();
    }

    private static ai.djl.huggingface.tokenizers.HuggingFaceTokenizer tokenizer() {
        return encoder.tokenizer();
    }

    private static double dot(float[] x, float[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
