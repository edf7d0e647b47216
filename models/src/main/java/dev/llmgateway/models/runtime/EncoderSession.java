package dev.llmgateway.models.runtime;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;

/** One thread's handle on the shared {@link SentenceEncoder}. Not thread-safe; close it with its thread. */
public final class EncoderSession implements AutoCloseable {

    private final Predictor<String, float[]> predictor;

    EncoderSession(Predictor<String, float[]> predictor) {
        this.predictor = predictor;
    }

    /** The unit-length sentence vector of {@code text} (truncated to the encoder's token limit). */
    public float[] embed(String text) {
        try {
            return predictor.predict(text);
        } catch (TranslateException e) {
            throw new IllegalStateException("sentence encoder failed", e);
        }
    }

    @Override
    public void close() {
        predictor.close();
    }
}
