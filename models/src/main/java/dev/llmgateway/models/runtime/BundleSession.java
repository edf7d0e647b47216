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
    private final int[] outcomeColumns;
    private final RoutingScore routing;

    BundleSession(EncoderSession encoder, OnnxHead intentHead, OnnxHead complexityHead) {
        this.encoder = encoder;
        this.intentSpec = intentHead.spec();
        this.complexitySpec = complexityHead.spec();
        this.intent = intentHead.newPredictor();
        this.complexity = complexityHead.newPredictor();
        this.outcomeColumns = RoutingScore.columns(complexitySpec.labels());
        this.routing = complexitySpec.routing();
        if (routing == null) {
            throw new ModelMissingException("complexity head has no routing score in the manifest");
        }
    }

    public Analysis analyze(String text) {
        float[] embedding = encoder.embed(text);
        try {
            float[] intentProbabilities = intent.predict(intentSpec.features().build(text, embedding));
            float[] outcomes = complexity.predict(complexitySpec.features().build(text, embedding));
            double gain = routing.gain(outcomes, outcomeColumns);
            return new Analysis(embedding, intentSpec.labels(), intentProbabilities,
                    RoutingScore.complexity(outcomes, outcomeColumns), gain, routing.difficulty(gain));
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
