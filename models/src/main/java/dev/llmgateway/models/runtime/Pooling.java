package dev.llmgateway.models.runtime;

/**
 * Turns a transformer's per-token hidden states into one sentence vector, the way
 * sentence-transformers does for all-MiniLM-L6-v2: mean over the tokens the attention mask keeps,
 * then L2 normalisation so a dot product is the cosine similarity.
 */
public final class Pooling {

    private Pooling() {
    }

    /**
     * Mean of the rows of {@code hidden} (row-major, {@code tokens × dim}) whose mask is non-zero.
     * Returns a zero vector when the mask keeps nothing.
     */
    public static float[] meanPool(float[] hidden, long[] mask, int dim) {
        int tokens = mask.length;
        if (hidden.length != tokens * dim) {
            throw new IllegalArgumentException(
                    "hidden has " + hidden.length + " values, expected " + tokens + " × " + dim);
        }
        float[] sum = new float[dim];
        int kept = 0;
        for (int t = 0; t < tokens; t++) {
            if (mask[t] == 0) {
                continue;
            }
            kept++;
            int row = t * dim;
            for (int d = 0; d < dim; d++) {
                sum[d] += hidden[row + d];
            }
        }
        if (kept > 0) {
            for (int d = 0; d < dim; d++) {
                sum[d] /= kept;
            }
        }
        return sum;
    }

    /** Scales {@code v} in place to unit length; a zero vector stays zero. Returns {@code v}. */
    public static float[] l2Normalize(float[] v) {
        double squares = 0;
        for (float x : v) {
            squares += (double) x * x;
        }
        // sentence-transformers clamps the norm at 1e-12 so an all-zero vector does not become NaN
        double norm = Math.max(Math.sqrt(squares), 1e-12);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] / norm);
        }
        return v;
    }
}
