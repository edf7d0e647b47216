package dev.llmgateway.models.runtime;

import ai.djl.Model;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A sentence encoder ({@link EncoderModel}): by default all-MiniLM-L6-v2 (int8-quantised, 384-d,
 * mean pooling), or bge-small-zh-v1.5 (int8, 512-d, CLS pooling) for Chinese; read from the
 * resources of the LangChain4j model jar, run by ONNX Runtime through DJL. Produces unit vectors.
 *
 * <p>Thread-safe and meant to be shared; the per-thread state lives in {@link EncoderSession}.
 */
public final class SentenceEncoder implements AutoCloseable {

    /** The main encoder, all-MiniLM-L6-v2 ({@link EncoderModel#MINILM}). */
    public static final String MODEL_NAME = EncoderModel.MINILM.name();
    public static final int DIMENSIONS = EncoderModel.MINILM.dimensions();
    static final String ONNX_RESOURCE = EncoderModel.MINILM.onnxResource();
    static final String TOKENIZER_RESOURCE = EncoderModel.MINILM.tokenizerResource();

    private final EncoderModel spec;
    private final Model model;
    private final HuggingFaceTokenizer tokenizer;
    private final EncoderSettings settings;

    private SentenceEncoder(EncoderModel spec, Model model, HuggingFaceTokenizer tokenizer, EncoderSettings settings) {
        this.spec = spec;
        this.model = model;
        this.tokenizer = tokenizer;
        this.settings = settings;
    }

    /** Loads MiniLM; throws {@link ModelMissingException} when the model jar is not on the class path. */
    public static SentenceEncoder fromClasspath(EncoderSettings settings) {
        return fromClasspath(EncoderModel.MINILM, settings);
    }

    /** Loads {@code spec}; throws {@link ModelMissingException} when its model jar is not on the class path. */
    public static SentenceEncoder fromClasspath(EncoderModel spec, EncoderSettings settings) {
        OfflineDjl.forbidDownloads();
        HuggingFaceTokenizer tokenizer = loadTokenizer(spec.tokenizerResource());
        try {
            Model model = OfflineDjl.loadOnnx(spec.name(), OfflineDjl.resource(spec.onnxResource()),
                    settings.intraOpThreads());
            return new SentenceEncoder(spec, model, tokenizer, settings);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    private static HuggingFaceTokenizer loadTokenizer(String resource) {
        // no padding: one text per call, so padding would only add work. No truncation either:
        // EncoderTranslator tokenises only a prefix that holds the first maxTokens tokens and cuts
        // there itself, which gives the same ids as the tokenizer's truncation without building
        // the overflowing encodings the tokenizer would make of the rest.
        Map<String, String> options = Map.of(
                "truncation", "false",
                "padding", "false");
        try (InputStream in = OfflineDjl.resource(resource)) {
            return HuggingFaceTokenizer.newInstance(in, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    public EncoderModel spec() {
        return spec;
    }

    Model model() {
        return model;
    }

    HuggingFaceTokenizer tokenizer() {
        return tokenizer;
    }

    public EncoderSettings settings() {
        return settings;
    }

    /** A session for one thread at a time. */
    public EncoderSession newSession() {
        return new EncoderSession(model.newPredictor(new EncoderTranslator(tokenizer, settings.maxTokens(), spec.pooling(),
                spec.dimensions())));
    }

    @Override
    public void close() {
        model.close();
        tokenizer.close();
    }
}
