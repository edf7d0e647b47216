package dev.llmgateway.models.runtime;

import ai.djl.Model;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * all-MiniLM-L6-v2 (int8-quantised), read from the resources of the LangChain4j model jar, run by
 * ONNX Runtime through DJL. Produces 384-dimensional unit vectors.
 *
 * <p>Thread-safe and meant to be shared; the per-thread state lives in {@link EncoderSession}.
 */
public final class SentenceEncoder implements AutoCloseable {

    public static final String MODEL_NAME = "all-minilm-l6-v2-q";
    public static final int DIMENSIONS = 384;
    static final String ONNX_RESOURCE = MODEL_NAME + ".onnx";
    static final String TOKENIZER_RESOURCE = MODEL_NAME + "-tokenizer.json";

    private final Model model;
    private final HuggingFaceTokenizer tokenizer;
    private final EncoderSettings settings;

    private SentenceEncoder(Model model, HuggingFaceTokenizer tokenizer, EncoderSettings settings) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.settings = settings;
    }

    /** Loads the model; throws {@link ModelMissingException} when the model jar is not on the class path. */
    public static SentenceEncoder fromClasspath(EncoderSettings settings) {
        OfflineDjl.forbidDownloads();
        HuggingFaceTokenizer tokenizer = loadTokenizer();
        try {
            Model model = OfflineDjl.loadOnnx(MODEL_NAME, OfflineDjl.resource(ONNX_RESOURCE),
                    settings.intraOpThreads());
            return new SentenceEncoder(model, tokenizer, settings);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    private static HuggingFaceTokenizer loadTokenizer() {
        // no padding: one text per call, so padding would only add work. No truncation either:
        // EncoderTranslator tokenises only a prefix that holds the first maxTokens tokens and cuts
        // there itself, which gives the same ids as the tokenizer's truncation without building
        // the overflowing encodings the tokenizer would make of the rest.
        Map<String, String> options = Map.of(
                "truncation", "false",
                "padding", "false");
        try (InputStream in = OfflineDjl.resource(TOKENIZER_RESOURCE)) {
            return HuggingFaceTokenizer.newInstance(in, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TOKENIZER_RESOURCE, e);
        }
    }

    public EncoderSettings settings() {
        return settings;
    }

    /** A session for one thread at a time. */
    public EncoderSession newSession() {
        return new EncoderSession(model.newPredictor(new EncoderTranslator(tokenizer, settings.maxTokens())));
    }

    @Override
    public void close() {
        model.close();
        tokenizer.close();
    }
}
