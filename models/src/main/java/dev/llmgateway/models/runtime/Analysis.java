package dev.llmgateway.models.runtime;

import java.util.List;

/**
 * What the models say about one text.
 *
 * @param embedding unit-length sentence vector (owned by the caller)
 * @param intentLabels the intent head's labels, in the order of {@code intentProbabilities}
 * @param complexity probability that a cheap model's answer is not good enough
 */
public record Analysis(float[] embedding, List<String> intentLabels, float[] intentProbabilities,
                       double complexity) {

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
