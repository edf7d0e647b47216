package dev.llmgateway.models.runtime;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.nio.LongBuffer;
import java.util.Arrays;

/**
 * Text → BERT inputs → last hidden state → pooled ({@link Pooling.Mode}: mean for MiniLM, [CLS]
 * for bge), normalised sentence vector. Both shipped encoders are BERT models with BERT's
 * pre-tokenizer, so the prefix logic below holds for either.
 *
 * <p>Only the first {@code maxTokens} tokens reach the model, so the translator tokenises as little
 * of the text as gives those same tokens (see {@link #tokenIds}): the Rust tokenizer costs about
 * half a microsecond per character, as much as a tenth of the encoder for a long prompt.
 */
final class EncoderTranslator implements Translator<String, float[]> {

    /**
     * The tokenizer reads the whole text before it truncates, so a long prompt would be tokenised
     * in full to keep its first {@code maxTokens}. Word pieces of English or code average 3–6
     * characters and Chinese one, so cutting the text at 16 characters per token first keeps every
     * token the encoder would have used while bounding the work.
     */
    static final int CHARS_PER_TOKEN_BOUND = 16;

    private final HuggingFaceTokenizer tokenizer;
    private final int maxTokens;
    private final int maxChars;
    private final Pooling.Mode pooling;
    /** The hidden size the model must produce; 0 = not checked. */
    private final int dimensions;

    /** MiniLM's pooling (mean), any hidden size; {@code tokenizer} must not truncate. */
    EncoderTranslator(HuggingFaceTokenizer tokenizer, int maxTokens) {
        this(tokenizer, maxTokens, Pooling.Mode.MEAN, 0);
    }

    /**
     * {@code tokenizer} must not truncate: {@link #tokenIds} does, after tokenising a prefix.
     * {@code dimensions} is the hidden size the model must produce (0 = not checked).
     */
    EncoderTranslator(HuggingFaceTokenizer tokenizer, int maxTokens, Pooling.Mode pooling, int dimensions) {
        this.pooling = pooling;
        this.dimensions = dimensions;
        this.tokenizer = tokenizer;
        this.maxTokens = maxTokens;
        this.maxChars = maxTokens * CHARS_PER_TOKEN_BOUND;
        this.idsBuffer = DirectBuffers.longs(maxTokens);
        this.maskBuffer = DirectBuffers.longs(maxTokens);
        for (int i = 0; i < maxTokens; i++) {
            maskBuffer.put(i, 1);
        }
        this.typesBuffer = DirectBuffers.longs(maxTokens);
    }

    /** The arrays are built with their batch dimension already; DJL's default would add another. */
    @Override
    public Batchifier getBatchifier() {
        return null;
    }

    /**
     * The model inputs go to ONNX Runtime through direct buffers this translator keeps (see
     * {@link HeadTranslator}: from heap buffers ONNX Runtime allocates and copies on every call).
     * A translator belongs to one predictor, used by one thread at a time.
     */
    private final LongBuffer idsBuffer;
    private final LongBuffer maskBuffer;
    private final LongBuffer typesBuffer;

    @Override
    public NDList processInput(TranslatorContext ctx, String text) {
        long[] ids = tokenIds(text);
        idsBuffer.clear();
        idsBuffer.put(ids).flip();
        maskBuffer.clear().limit(ids.length); // all ones: one text, no padding, every token attended to
        typesBuffer.clear().limit(ids.length); // all zeros: one segment
        NDManager manager = ctx.getNDManager();
        return new NDList(
                row(manager, "input_ids", idsBuffer),
                row(manager, "attention_mask", maskBuffer),
                row(manager, "token_type_ids", typesBuffer));
    }

    /**
     * The token ids the tokenizer would give for {@code clip(text, maxChars)} truncated to
     * {@code maxTokens} ([CLS], the first {@code maxTokens - 2} word pieces, [SEP]), computed from
     * the shortest prefix that is sure to hold those word pieces ({@link #prefixWithPieces}).
     */
    long[] tokenIds(String text) {
        String clipped = clip(text, maxChars);
        int cut = prefixWithPieces(clipped, maxTokens - 2);
        if (cut > 0) {
            long[] ids = encode(clipped.substring(0, cut));
            if (ids.length >= maxTokens) {
                return truncate(ids);
            }
            // cannot happen when the bound holds; the full text below is always right
        }
        return truncate(encode(clipped));
    }

    /** [CLS] + word pieces + [SEP], untruncated. Only the ids are copied out of the native encoding. */
    private long[] encode(String text) {
        TokenizersLibrary lib = TokenizersLibrary.LIB;
        long encoding = lib.encode(tokenizer.getHandle(), text, true);
        try {
            return lib.getTokenIds(encoding);
        } finally {
            lib.deleteEncoding(encoding);
        }
    }

    /** What the tokenizer's own right truncation gives: the first {@code maxTokens - 1} ids and the last ([SEP]). */
    private long[] truncate(long[] ids) {
        if (ids.length <= maxTokens) {
            return ids;
        }
        long[] kept = Arrays.copyOf(ids, maxTokens);
        kept[maxTokens - 1] = ids[ids.length - 1];
        return kept;
    }

    /**
     * The length of a prefix of {@code text} that the tokenizer splits into at least {@code pieces}
     * word pieces, all of them the same as the first word pieces of the whole text, or -1 when no
     * prefix shorter than the text is sure to. The prefix ends where BERT's pre-tokenizer splits in
     * any case, before an ASCII space, tab or line break or before a CJK ideograph (U+4E00–U+9FFF,
     * which BERT isolates); none of the tokenizer's normalisation steps (cleaning, accent stripping,
     * lower-casing) or special tokens ({@code [SEP]} etc.) reaches across such a point.
     *
     * <p>The count is a lower bound on the word pieces before the cut: every ASCII punctuation mark
     * is one piece (BERT isolates it), except {@code [} and {@code ]}, which may belong to a special
     * token and count nothing; every CJK ideograph is one piece; and every stretch between ASCII
     * spaces and punctuation that holds an ASCII letter or digit is at least one word, so at least
     * one piece (a word the vocabulary can't split becomes one [UNK]). Everything else counts
     * nothing, so characters the normaliser removes can't make the bound wrong.
     */
    static int prefixWithPieces(String text, int pieces) {
        int counted = 0;
        boolean alnumInStretch = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
            boolean cjk = c >= '\u4E00' && c <= '\u9FFF';
            if (space || cjk) {
                if (alnumInStretch) {
                    counted++;
                    alnumInStretch = false;
                }
                if (counted >= pieces) {
                    return i;
                }
                if (cjk) {
                    counted++;
                }
            } else if (c < 128 && isAsciiPunctuation(c)) {
                if (alnumInStretch) {
                    counted++;
                    alnumInStretch = false;
                }
                if (c != '[' && c != ']') {
                    counted++;
                }
            } else if (c < 128 && Character.isLetterOrDigit(c)) {
                alnumInStretch = true;
            }
        }
        return -1;
    }

    /** BERT's ASCII punctuation: every printable non-alphanumeric ASCII character but the space. */
    private static boolean isAsciiPunctuation(char c) {
        return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
    }

    /** The first {@code maxChars} characters, never ending in half a surrogate pair. */
    static String clip(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return text.substring(0, end);
    }

    private static NDArray row(NDManager manager, String name, LongBuffer values) {
        NDArray array = manager.create(values, new Shape(1, values.remaining()), DataType.INT64);
        array.setName(name);
        return array;
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList outputs) {
        NDArray hidden = outputs.get("last_hidden_state");
        if (hidden == null) {
            hidden = outputs.get(0);
        }
        int tokens = (int) hidden.getShape().get(1);
        int dim = (int) hidden.getShape().get(2);
        if (dimensions > 0 && dim != dimensions) {
            throw new IllegalStateException("encoder produced " + dim + "-d hidden states, expected " + dimensions);
        }
        long[] mask = new long[tokens];
        Arrays.fill(mask, 1);
        return Pooling.pool(pooling, hidden.toFloatArray(), mask, dim);
    }
}
