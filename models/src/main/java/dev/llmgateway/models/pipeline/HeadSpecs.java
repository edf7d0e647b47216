package dev.llmgateway.models.pipeline;

import dev.llmgateway.models.runtime.EncoderModel;
import dev.llmgateway.models.runtime.FeatureLayout;

/**
 * The choices behind each shipped head, in one place so the manifest and README can cite them.
 * The intent settings can be overridden with system properties ({@code intent.embedding},
 * {@code intent.buckets}, {@code intent.per-script}, {@code intent.epochs}, {@code intent.lr}) for experiments.
 */
final class HeadSpecs {

    static final String VERSION = "0.4.0";

    /**
     * The encoder for mostly-Chinese prompts, used instead of MiniLM for them, or {@code none}
     * (MiniLM embeds every prompt, as before). bge-small-zh-v1.5: Chinese intent macro-F1 on BELLE
     * 0.715 → 0.749 with English and MMLU unchanged, Chinese p99 under 10 ms (models README).
     * Overridable with {@code encoder.chinese} (an {@link EncoderModel} name, or {@code none}).
     */
    static final String CHINESE_ENCODER = System.getProperty("encoder.chinese", EncoderModel.BGE_SMALL_ZH.name());

    /** {@link #CHINESE_ENCODER} as a model, null for none. */
    static EncoderModel chineseEncoder() {
        return CHINESE_ENCODER.equals("none") ? null : EncoderModel.named(CHINESE_ENCODER);
    }

    /**
     * Sentence embedding (one block per script) plus 8,192 hashed words/characters: the cue words
     * carry most of the Chinese signal. Chosen in {@code models/train.sh experiment} over 4,096
     * buckets, a shared embedding block and an added statistics block; the differences were
     * 0.01–0.02 macro-F1, about the noise of the 174-row English set.
     */
    static final FeatureLayout INTENT_FEATURES = new FeatureLayout(
            Boolean.parseBoolean(System.getProperty("intent.embedding", "true")),
            Integer.getInteger("intent.buckets", 8192), false,
            Boolean.parseBoolean(System.getProperty("intent.per-script", "true")));
    static final HeadTrainer.Settings INTENT_TRAINING = new HeadTrainer.Settings(
            Integer.getInteger("intent.epochs", 10),
            Double.parseDouble(System.getProperty("intent.lr", "0.5")), 1);

    /**
     * Embedding (subject matter), 1,024 hashed word buckets (named concepts, question style) and
     * prompt statistics (length, digits, maths and code symbols, options). Chosen over embedding
     * only in {@code models/train.sh experiment}: held-out MMLU APGR 0.585 → 0.594 and RouterBench
     * 0.542 → 0.557; differences of this size are close to the noise of a 2,246-row split.
     * One shared embedding block, unless a Chinese encoder is in use: its vectors (another width,
     * another space) then need a block of their own, which the English MMLU data never fills, so
     * the head's Chinese embedding weights stay untrained and Chinese prompts are scored by the
     * lexical and statistics blocks. Overridable with {@code complexity.per-script}.
     */
    static final FeatureLayout COMPLEXITY_FEATURES = new FeatureLayout(true, 1024, true,
            Boolean.parseBoolean(System.getProperty("complexity.per-script",
                    String.valueOf(chineseEncoder() != null))));
    static final HeadTrainer.Settings COMPLEXITY_TRAINING = new HeadTrainer.Settings(10, 0.03, 8);

    /**
     * The task head (light / moderate / demanding, project-written prompts): embedding per script,
     * 2,048 hashed words/characters and prompt statistics (length and structure say much about how
     * demanding a task is).
     */
    static final FeatureLayout TASK_FEATURES = new FeatureLayout(true,
            Integer.getInteger("task.buckets", 2048), true, true);
    static final HeadTrainer.Settings TASK_TRAINING = new HeadTrainer.Settings(
            Integer.getInteger("task.epochs", 10), Double.parseDouble(System.getProperty("task.lr", "0.1")), 1);

    /**
     * Share of difficulty that comes from the task head's demand rather than the complexity head's
     * gain (0 = gain alone). Overridable with {@code routing.demand-weight} for experiments.
     */
    static final double DEMAND_WEIGHT = Double.parseDouble(System.getProperty("routing.demand-weight", "0.5"));

    /**
     * Weight of P(both wrong) in the routing gain ({@link dev.llmgateway.models.runtime.RoutingScore}).
     * Overridable with {@code complexity.partial-credit} for experiments.
     */
    static final double COMPLEXITY_PARTIAL_CREDIT =
            Double.parseDouble(System.getProperty("complexity.partial-credit", "0.25"));

    /**
     * {@code layout} as it must be when mostly-Chinese text is embedded by {@code chinese} (null:
     * unchanged): its Chinese block as wide as that encoder's vectors. A layout with a shared
     * embedding block can't take both encoders' vectors and is refused.
     */
    static FeatureLayout forChineseEncoder(FeatureLayout layout, EncoderModel chinese) {
        if (chinese == null || !layout.embedding()) {
            return layout;
        }
        if (!layout.embeddingPerScript()) {
            throw new IllegalArgumentException("a Chinese encoder needs per-script embedding blocks: " + layout);
        }
        return layout.withChineseDimensions(chinese.dimensions());
    }

    private HeadSpecs() {
    }
}
