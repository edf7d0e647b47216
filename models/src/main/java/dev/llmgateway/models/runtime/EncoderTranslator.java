package dev.llmgateway.models.runtime;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.nio.LongBuffer;

/** Text → BERT inputs → last hidden state → mean-pooled, normalised sentence vector. */
final class EncoderTranslator implements Translator<String, float[]> {

    private static final String MASK = "attention_mask";

    /**
     * The tokenizer reads the whole text before it truncates, so a long prompt would be tokenised
     * in full to keep its first {@code maxTokens}. Word pieces of English or code average 3–6
     * characters and Chinese one, so cutting the text at 16 characters per token first keeps every
     * token the encoder would have used while bounding the work.
     */
    static final int CHARS_PER_TOKEN_BOUND = 16;

    private final HuggingFaceTokenizer tokenizer;
    private final int maxChars;

    EncoderTranslator(HuggingFaceTokenizer tokenizer, int maxTokens) {
        this.tokenizer = tokenizer;
        this.maxChars = maxTokens * CHARS_PER_TOKEN_BOUND;
    }

    /** The arrays are built with their batch dimension already; DJL's default would add another. */
    @Override
    public Batchifier getBatchifier() {
        return null;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, String text) {
        Encoding encoding = tokenizer.encode(clip(text, maxChars));
        long[] mask = encoding.getAttentionMask();
        ctx.setAttachment(MASK, mask);
        NDManager manager = ctx.getNDManager();
        return new NDList(
                row(manager, "input_ids", encoding.getIds()),
                row(manager, MASK, mask),
                row(manager, "token_type_ids", encoding.getTypeIds()));
    }

    /** The first {@code maxChars} characters, never ending in half a surrogate pair. */
    static String clip(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return text.substring(0, end);
    }

    private static NDArray row(NDManager manager, String name, long[] values) {
        NDArray array = manager.create(LongBuffer.wrap(values), new Shape(1, values.length), DataType.INT64);
        array.setName(name);
        return array;
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList outputs) {
        NDArray hidden = outputs.get("last_hidden_state");
        if (hidden == null) {
            hidden = outputs.get(0);
        }
        long[] mask = (long[]) ctx.getAttachment(MASK);
        int dim = (int) hidden.getShape().get(2);
        return Pooling.l2Normalize(Pooling.meanPool(hidden.toFloatArray(), mask, dim));
    }
}
