package dev.llmgateway.classifier;

import java.util.Objects;

/**
 * What the classifier says about one prompt.
 *
 * @param intentConfidence the intent head's probability for {@code intent}, 0..1
 * @param complexity probability that a cheap model's answer is not good enough, 0..1
 * @param difficulty how much a strong model is expected to help, as the share of typical prompts
 *                   (the complexity head's training prompts) where it helps less, 0..1; this is what
 *                   routing ranks by (see {@code dev.llmgateway.models.runtime.RoutingScore}): a
 *                   hard prompt both kinds of model fail can have a high complexity and a modest
 *                   difficulty
 * @param embedding unit-length 384-d sentence vector (all-MiniLM-L6-v2) of the prompt's first
 *                  {@link ClassifierSettings#maxTokens()} tokens (64 by default), e.g. for a semantic
 *                  cache that also checks the rest; empty when the caller did not ask for it. The array is the caller's to keep.
 */
public record Classification(Language language, Intent intent, double intentConfidence, double complexity,
                             double difficulty, float[] embedding) {

    private static final float[] NONE = new float[0];

    public Classification {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(embedding, "embedding");
    }

    public boolean hasEmbedding() {
        return embedding.length > 0;
    }

    /** The same classification without the embedding (cheaper to keep in logs and events). */
    public Classification withoutEmbedding() {
        return new Classification(language, intent, intentConfidence, complexity, difficulty, NONE);
    }
}
