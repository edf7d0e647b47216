package dev.llmgateway.models.runtime;

import java.util.List;

/**
 * What the models say about one text.
 *
 * @param embedding unit-length sentence vector (owned by the caller), from the encoder named by
 *                  {@code embeddingModel}: the bundle's Chinese encoder (bge-small-zh-v1.5, 512-d)
 *                  for mostly-Han text when the bundle has one, otherwise all-MiniLM-L6-v2 (384-d).
 *                  Vectors of different encoders are not comparable.
 * @param intentLabels the intent head's labels, in the order of {@code intentProbabilities}
 * @param complexity probability that a cheap model's answer is not good enough
 * @param strongGain expected quality gained by calling the strong model ({@link RoutingScore})
 * @param demand the task head's demand percentile ({@link TaskDemand}), NaN without a task head
 * @param difficulty share of training prompts with a lower {@code strongGain}, 0..1: what routing ranks by
 * @param embeddingModel the name of the encoder that made {@code embedding} ({@link EncoderModel#name()})
 */
public record Analysis(float[] embedding, List<String> intentLabels, float[] intentProbabilities,
                       double complexity, double strongGain, double demand, double difficulty,
                       String embeddingModel) {

    /** An analysis whose embedding came from the main encoder, all-MiniLM-L6-v2. */
    public Analysis(float[] embedding, List<String> intentLabels, float[] intentProbabilities,
                    double complexity, double strongGain, double demand, double difficulty) {
        this(embedding, intentLabels, intentProbabilities, complexity, strongGain, demand, difficulty,
                EncoderModel.MINILM.name());
    }

    public int topIntent() {
        int best = 0;
        for (int i = 1; i < intentProbabilities.length; i++) {
            if (intentProbabilities[i] > intentProbabilities[best]) {
                best = i;
            }
        }
        return best;
    }
}
