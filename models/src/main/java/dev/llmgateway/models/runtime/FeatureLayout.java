package dev.llmgateway.models.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a classification head reads, in this order: the sentence embedding (once, or in one of
 * two script blocks), hashed lexical features, and prompt statistics. Training and inference
 * build their vectors through this one class so the two can never drift apart.
 *
 * @param embedding whether the sentence embedding comes first (384-d, the main encoder's width)
 * @param lexicalBuckets size of the {@link LexicalFeatures} block (0 = none)
 * @param statistics whether the {@link PromptStatistics} block comes last
 * @param embeddingPerScript when true the embedding block is doubled: mostly-Chinese text fills
 *                           the second half, other text the first, and the unused half is zero.
 *                           A linear head then learns separate weights per script (MiniLM maps
 *                           Chinese into a different, much vaguer region than English), which a
 *                           shared block cannot.
 * @param chineseDimensions width of the Chinese block when {@code embeddingPerScript}: the
 *                          dimensions of the bundle's Chinese encoder (bge-small-zh-v1.5: 512),
 *                          or 0 when mostly-Chinese text is embedded by the main encoder too (the
 *                          block is then as wide as the first; manifests without the field read so)
 */
public record FeatureLayout(boolean embedding, int lexicalBuckets, boolean statistics, boolean embeddingPerScript,
                            @JsonInclude(JsonInclude.Include.NON_DEFAULT) int chineseDimensions) {

    public FeatureLayout {
        if (chineseDimensions < 0 || (chineseDimensions > 0 && !embeddingPerScript)) {
            throw new IllegalArgumentException("chineseDimensions needs embeddingPerScript: " + chineseDimensions);
        }
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

    /** Both script blocks (if any) read the main encoder: what every layout before the Chinese encoder was. */
    public FeatureLayout(boolean embedding, int lexicalBuckets, boolean statistics, boolean embeddingPerScript) {
        this(embedding, lexicalBuckets, statistics, embeddingPerScript, 0);
    }

    /** This layout with a Chinese block {@code dimensions} wide (which needs {@code embeddingPerScript}). */
    public FeatureLayout withChineseDimensions(int dimensions) {
        return new FeatureLayout(embedding, lexicalBuckets, statistics, embeddingPerScript, dimensions);
    }

    public int size() {
        return embeddingWidth() + lexicalBuckets + (statistics ? PromptStatistics.SIZE : 0);
    }

    /** Width of the block mostly-Chinese text's embedding fills (0 without an embedding). */
    public int chineseBlockWidth() {
        if (!embedding) {
            return 0;
        }
        return embeddingPerScript && chineseDimensions > 0 ? chineseDimensions : SentenceEncoder.DIMENSIONS;
    }

    private int embeddingWidth() {
        if (!embedding) {
            return 0;
        }
        return embeddingPerScript ? SentenceEncoder.DIMENSIONS + chineseBlockWidth() : SentenceEncoder.DIMENSIONS;
    }

    public float[] build(String text, float[] sentenceEmbedding) {
        return build(FeatureText.of(text), sentenceEmbedding);
    }

    /** The head input for {@code text}; layouts built from the same {@link FeatureText} share its work. */
    public float[] build(FeatureText text, float[] sentenceEmbedding) {
        float[] out = new float[size()];
        int offset = 0;
        if (embedding) {
            boolean chineseBlock = embeddingPerScript && text.mostlyHan();
            int width = chineseBlock ? chineseBlockWidth() : SentenceEncoder.DIMENSIONS;
            if (sentenceEmbedding.length != width) {
                // e.g. a Chinese encoder's 512-d vector for a 384-d block: the head would read garbage
                throw new IllegalArgumentException("a " + sentenceEmbedding.length + "-d embedding for a "
                        + width + "-d " + (chineseBlock ? "Chinese" : "main") + " block");
            }
            int at = chineseBlock ? SentenceEncoder.DIMENSIONS : 0;
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
