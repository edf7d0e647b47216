package dev.llmgateway.classifier;

import dev.llmgateway.models.runtime.EncoderModel;
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
 * @param embedding unit-length sentence vector of the prompt's first
 *                  {@link ClassifierSettings#maxTokens()} tokens (32 by default), e.g. for a semantic
 *                  cache that also checks the rest; empty when the caller did not ask for it. The
 *                  array is the caller's to keep. Which encoder made it is {@code embeddingModel}:
 *                  all-MiniLM-L6-v2 (384-d) for most prompts, and, when the shipped models name a
 *                  Chinese encoder, bge-small-zh-v1.5 (512-d) for mostly-Chinese ones. Vectors of
 *                  different models live in different spaces: compare only vectors with the same
 *                  {@code embeddingModel}.
 * @param embeddingModel the name of the encoder behind {@code embedding} (e.g. {@code all-minilm-l6-v2-q},
 *                       {@code bge-small-zh-v1.5-q}); empty when there is no embedding
 */
public record Classification(Language language, Intent intent, double intentConfidence, double complexity,
                             double difficulty, float[] embedding, String embeddingModel) {

    private static final float[] NONE = new float[0];

    public Classification {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(embedding, "embedding");
        Objects.requireNonNull(embeddingModel, "embeddingModel");
    }

    /** A classification whose embedding (if any) came from the main encoder, all-MiniLM-L6-v2. */
    public Classification(Language language, Intent intent, double intentConfidence, double complexity,
                          double difficulty, float[] embedding) {
        this(language, intent, intentConfidence, complexity, difficulty, embedding,
                embedding != null && embedding.length > 0 ? EncoderModel.MINILM.name() : "");
    }

    public boolean hasEmbedding() {
        return embedding.length > 0;
    }

    /** The same classification without the embedding (cheaper to keep in logs and events). */
    public Classification withoutEmbedding() {
        return new Classification(language, intent, intentConfidence, complexity, difficulty, NONE, "");
    }
}
