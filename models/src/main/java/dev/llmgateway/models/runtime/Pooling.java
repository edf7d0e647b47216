package dev.llmgateway.models.runtime;

/**
 * Turns a transformer's per-token hidden states into one sentence vector, the way
 * sentence-transformers does for each encoder: {@link Mode#MEAN} (all-MiniLM-L6-v2) averages the
 * tokens the attention mask keeps, {@link Mode#CLS} (bge-small-zh-v1.5) takes the first token's
 * ([CLS]) hidden state; then L2 normalisation so a dot product is the cosine similarity.
 */
public final class Pooling {

    /** How an encoder's hidden states become one vector, before normalisation. */
    public enum Mode {
        /** Mean over the tokens the attention mask keeps. */
        MEAN,
        /** The hidden state of the first token ([CLS]). */
        CLS
    }

    private Pooling() {
    }

    /** {@code hidden} ({@code tokens × dim}, row-major) pooled by {@code mode} and L2-normalised. */
    public static float[] pool(Mode mode, float[] hidden, long[] mask, int dim) {
        return l2Normalize(switch (mode) {
            case MEAN -> meanPool(hidden, mask, dim);
            case CLS -> clsPool(hidden, mask, dim);
        });
    }

    /**
     * The first row of {@code hidden} ({@code tokens × dim}, row-major): the [CLS] token, which
     * BGE models are trained to summarise the text in. Returns a zero vector when there are no tokens.
     */
    public static float[] clsPool(float[] hidden, long[] mask, int dim) {
        int tokens = mask.length;
        if (hidden.length != tokens * dim) {
            throw new IllegalArgumentException(
                    "hidden has " + hidden.length + " values, expected " + tokens + " × " + dim);
        }
        return tokens == 0 ? new float[dim] : java.util.Arrays.copyOf(hidden, dim);
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
