package dev.llmgateway.models.runtime;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;

/** One thread's predictors over a {@link ModelBundle}. Not thread-safe. */
public final class BundleSession implements AutoCloseable {

    private final EncoderSession encoder;
    private final ModelManifest.Head intentSpec;
    private final ModelManifest.Head complexitySpec;
    private final Predictor<float[], float[]> intent;
    private final Predictor<float[], float[]> complexity;
    private final int positiveColumn;

    BundleSession(EncoderSession encoder, OnnxHead intentHead, OnnxHead complexityHead) {
        this.encoder = encoder;
        this.intentSpec = intentHead.spec();
        this.complexitySpec = complexityHead.spec();
        this.intent = intentHead.newPredictor();
        this.complexity = complexityHead.newPredictor();
        this.positiveColumn = complexitySpec.labels().indexOf(complexitySpec.positiveLabel());
        if (positiveColumn < 0) {
            throw new ModelMissingException("complexity head has no label " + complexitySpec.positiveLabel());
        }
    }

    EncoderSession encoder() {
        return encoder;
    }

    public Analysis analyze(String text) {
        float[] embedding = encoder.embed(text);
        try {
            FeatureText features = FeatureText.of(text); // both heads read the same text: hash it once
            float[] intentProbabilities = intent.predict(intentSpec.features().build(features, embedding));
            float[] complexityProbabilities = complexity.predict(complexitySpec.features().build(features, embedding));
            return new Analysis(embedding, intentSpec.labels(), intentProbabilities,
                    complexityProbabilities[positiveColumn]);
        } catch (TranslateException e) {
            throw new IllegalStateException("classification head failed", e);
        }
    }

    @Override
    public void close() {
        intent.close();
        complexity.close();
        encoder.close();
    }
}
