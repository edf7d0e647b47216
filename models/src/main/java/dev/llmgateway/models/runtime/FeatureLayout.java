package dev.llmgateway.models.runtime;

/**
 * What a classification head reads, in this order: the sentence embedding (once, or in one of
 * two script blocks), hashed lexical features, and prompt statistics. Training and inference
 * build their vectors through this one class so the two can never drift apart.
 *
 * @param embedding whether the 384-d sentence embedding comes first
 * @param lexicalBuckets size of the {@link LexicalFeatures} block (0 = none)
 * @param statistics whether the {@link PromptStatistics} block comes last
 * @param embeddingPerScript when true the embedding block is doubled: mostly-Chinese text fills
 *                           the second half, other text the first, and the unused half is zero.
 *                           A linear head then learns separate weights per script (MiniLM maps
 *                           Chinese into a different, much vaguer region than English), which a
 *                           shared block cannot.
 */
public record FeatureLayout(boolean embedding, int lexicalBuckets, boolean statistics, boolean embeddingPerScript) {

    public FeatureLayout {
        if (lexicalBuckets < 0 || (!embedding && lexicalBuckets == 0 && !statistics)) {
            throw new IllegalArgumentException("a head needs at least one feature block");
        }
        if (embeddingPerScript && !embedding) {
            throw new IllegalArgumentException("embeddingPerScript needs the embedding block");
        }
    }

    /** Embedding and lexical blocks only, as the first shipped heads used. */
    public FeatureLayout(boolean embedding, int lexicalBuckets) {
        this(embedding, lexicalBuckets, false, false);
    }

    public int size() {
        return embeddingWidth() + lexicalBuckets + (statistics ? PromptStatistics.SIZE : 0);
    }

    private int embeddingWidth() {
        if (!embedding) {
            return 0;
        }
        return embeddingPerScript ? 2 * SentenceEncoder.DIMENSIONS : SentenceEncoder.DIMENSIONS;
    }

    public float[] build(String text, float[] sentenceEmbedding) {
        return build(FeatureText.of(text), sentenceEmbedding);
    }

    /** The head input for {@code text}; layouts built from the same {@link FeatureText} share its work. */
    public float[] build(FeatureText text, float[] sentenceEmbedding) {
        float[] out = new float[size()];
        int offset = 0;
        if (embedding) {
            int at = embeddingPerScript && text.mostlyHan() ? sentenceEmbedding.length : 0;
            System.arraycopy(sentenceEmbedding, 0, out, at, sentenceEmbedding.length);
            offset = embeddingWidth();
        }
        if (lexicalBuckets > 0) {
            LexicalFeatures.fill(text.hashes(), out, offset, lexicalBuckets);
            offset += lexicalBuckets;
        }
        if (statistics) {
            float[] stats = text.statistics();
            System.arraycopy(stats, 0, out, offset, stats.length);
        }
        return out;
    }
}
