package dev.llmgateway.models.runtime;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;

/** One thread's predictors over a {@link ModelBundle}. Not thread-safe. */
public final class BundleSession implements AutoCloseable {

    private final EncoderSession encoder;
    private final String encoderName;
    private final EncoderSession chineseEncoder;
    private final String chineseEncoderName;
    private final ModelManifest.Head intentSpec;
    private final ModelManifest.Head complexitySpec;
    private final Predictor<float[], float[]> intent;
    private final Predictor<float[], float[]> complexity;
    private final int[] outcomeColumns;
    private final RoutingScore routing;
    private final ModelManifest.Head taskSpec;
    private final Predictor<float[], float[]> task;
    private final int[] levelColumns;

    /**
     * {@code chineseEncoder} (may be null: the main encoder then embeds every text) embeds
     * mostly-Han text ({@link Script#mostlyHan}), the same test the heads' per-script blocks use.
     * {@code taskHead} may be null: difficulty then comes from the complexity head alone.
     */
    BundleSession(EncoderSession encoder, String encoderName, EncoderSession chineseEncoder, String chineseEncoderName,
                  OnnxHead intentHead, OnnxHead complexityHead, OnnxHead taskHead) {
        this.encoder = encoder;
        this.encoderName = encoderName;
        this.chineseEncoder = chineseEncoder;
        this.chineseEncoderName = chineseEncoderName;
        this.intentSpec = intentHead.spec();
        this.complexitySpec = complexityHead.spec();
        this.intent = intentHead.newPredictor();
        this.complexity = complexityHead.newPredictor();
        this.outcomeColumns = RoutingScore.columns(complexitySpec.labels());
        this.routing = complexitySpec.routing();
        if (routing == null) {
            throw new ModelMissingException("complexity head has no routing score in the manifest");
        }
        this.taskSpec = taskHead == null ? null : taskHead.spec();
        if (taskSpec != null && taskSpec.demand() == null) {
            throw new ModelMissingException("task head has no demand scale in the manifest");
        }
        this.task = taskHead == null ? null : taskHead.newPredictor();
        this.levelColumns = taskHead == null ? null : TaskDemand.columns(taskSpec.labels());
    }

    EncoderSession encoder() {
        return encoder;
    }

    /** Whether {@code text} goes through the Chinese encoder (false when the bundle has none). */
    boolean usesChineseEncoder(FeatureText text) {
        return chineseEncoder != null && text.mostlyHan();
    }

    public Analysis analyze(String text) {
        FeatureText features = FeatureText.of(text); // every head reads the same text: hash it once
        boolean chinese = usesChineseEncoder(features);
        float[] embedding = (chinese ? chineseEncoder : encoder).embed(text);
        try {
            float[] intentProbabilities = intent.predict(intentSpec.features().build(features, embedding));
            float[] outcomes = complexity.predict(complexitySpec.features().build(features, embedding));
            double gain = routing.gain(outcomes, outcomeColumns);
            double demand = Double.NaN;
            double difficulty = routing.difficulty(gain);
            if (task != null) {
                float[] levels = task.predict(taskSpec.features().build(features, embedding));
                demand = taskSpec.demand().percentile(TaskDemand.expected(levels, levelColumns));
                difficulty = routing.difficulty(gain, demand);
            }
            return new Analysis(embedding, intentSpec.labels(), intentProbabilities,
                    RoutingScore.complexity(outcomes, outcomeColumns), gain, demand, difficulty,
                    chinese ? chineseEncoderName : encoderName);
        } catch (TranslateException e) {
            throw new IllegalStateException("classification head failed", e);
        }
    }

    @Override
    public void close() {
        intent.close();
        complexity.close();
        if (task != null) {
            task.close();
        }
        encoder.close();
        if (chineseEncoder != null) {
            chineseEncoder.close();
        }
    }
}
