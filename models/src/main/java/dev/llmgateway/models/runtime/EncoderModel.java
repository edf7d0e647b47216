package dev.llmgateway.models.runtime;

import java.util.List;

/**
 * One sentence encoder the runtime can load: a BERT-style ONNX model and its tokenizer, both read
 * from the class path (the LangChain4j model jars), how its hidden states are pooled, and the
 * width of the vectors it makes.
 *
 * @param name the name manifests use (also the stem of the jar's resource names)
 * @param onnxResource class-path resource of the int8 ONNX model
 * @param tokenizerResource class-path resource of its {@code tokenizer.json}
 * @param dimensions hidden size, so the width of every vector it makes
 * @param pooling how the per-token hidden states become one vector (then L2-normalised)
 */
public record EncoderModel(String name, String onnxResource, String tokenizerResource, int dimensions,
                           Pooling.Mode pooling) {

    /** all-MiniLM-L6-v2, int8: English, mean pooling, 384-d. The main encoder. */
    public static final EncoderModel MINILM = new EncoderModel("all-minilm-l6-v2-q",
            "all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json", 384, Pooling.Mode.MEAN);

    /** BAAI bge-small-zh-v1.5, int8: Chinese, CLS pooling, 512-d. Optional, for mostly-Han prompts. */
    public static final EncoderModel BGE_SMALL_ZH = new EncoderModel("bge-small-zh-v1.5-q",
            "bge-small-zh-v1.5-q.onnx", "bge-small-zh-v1.5-q-tokenizer.json", 512, Pooling.Mode.CLS);

    static final List<EncoderModel> KNOWN = List.of(MINILM, BGE_SMALL_ZH);

    public EncoderModel {
        if (dimensions < 1) {
            throw new IllegalArgumentException("dimensions must be positive: " + dimensions);
        }
    }

    /** The known encoder a manifest names; throws {@link ModelMissingException} for any other. */
    public static EncoderModel named(String name) {
        return KNOWN.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new ModelMissingException("unknown sentence encoder '" + name + "'"));
    }

    /** How the manifest describes the pooling. */
    public String poolingDescription() {
        return switch (pooling) {
            case MEAN -> "mean over attention mask, L2-normalised";
            case CLS -> "CLS token (first hidden state), L2-normalised";
        };
    }
}
