package dev.llmgateway.models.pipeline;

import dev.llmgateway.models.runtime.FeatureLayout;

/**
 * The choices behind each shipped head, in one place so the manifest and README can cite them.
 * The intent settings can be overridden with system properties ({@code intent.embedding},
 * {@code intent.buckets}, {@code intent.epochs}, {@code intent.lr}) for experiments.
 */
final class HeadSpecs {

    static final String VERSION = "0.1.0";

    /** Sentence embedding plus hashed words/characters: the cue words carry most of the Chinese signal. */
    static final FeatureLayout INTENT_FEATURES = new FeatureLayout(
            Boolean.parseBoolean(System.getProperty("intent.embedding", "true")),
            Integer.getInteger("intent.buckets", 4096));
    static final HeadTrainer.Settings INTENT_TRAINING = new HeadTrainer.Settings(
            Integer.getInteger("intent.epochs", 10),
            Double.parseDouble(System.getProperty("intent.lr", "0.5")), 1);

    /** Embedding only: subject matter predicts difficulty; word hashes over-fit MMLU's answer formats. */
    static final FeatureLayout COMPLEXITY_FEATURES = new FeatureLayout(true, 0);
    static final HeadTrainer.Settings COMPLEXITY_TRAINING = new HeadTrainer.Settings(10, 0.1, 8);

    private HeadSpecs() {
    }
}
