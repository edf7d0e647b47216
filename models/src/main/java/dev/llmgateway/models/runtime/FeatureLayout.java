package dev.llmgateway.models.runtime;

/**
 * What a classification head reads: the sentence embedding, hashed lexical features, or both,
 * concatenated in that order. Training and inference build their vectors through this one class
 * so the two can never drift apart.
 *
 * @param embedding whether the 384-d sentence embedding comes first
 * @param lexicalBuckets size of the {@link LexicalFeatures} block (0 = none)
 */
public record FeatureLayout(boolean embedding, int lexicalBuckets) {

    public FeatureLayout {
        if (lexicalBuckets < 0 || (!embedding && lexicalBuckets == 0)) {
            throw new IllegalArgumentException("a head needs at least one feature block");
        }
    }

    public int size() {
        return (embedding ? SentenceEncoder.DIMENSIONS : 0) + lexicalBuckets;
    }

    public float[] build(String text, float[] sentenceEmbedding) {
        float[] out = new float[size()];
        int offset = 0;
        if (embedding) {
            System.arraycopy(sentenceEmbedding, 0, out, 0, sentenceEmbedding.length);
            offset = sentenceEmbedding.length;
        }
        if (lexicalBuckets > 0) {
            float[] lexical = LexicalFeatures.hashed(text, lexicalBuckets);
            System.arraycopy(lexical, 0, out, offset, lexical.length);
        }
        return out;
    }
}
