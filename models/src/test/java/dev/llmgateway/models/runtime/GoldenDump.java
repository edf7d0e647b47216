package dev.llmgateway.models.runtime;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Writes the digests {@link FeatureGoldenTest} checks: the head input of both shipped layouts for
 * every {@link GoldenTexts} text, with a fixed stand-in embedding. Regenerate only when the feature
 * layout changes on purpose (and the heads are retrained):
 * {@code java -cp ... dev.llmgateway.models.runtime.GoldenDump features models/src/test/resources/dev/llmgateway/models/runtime/feature-golden.txt}.
 *
 * <p>{@code analysis FILE} writes, for a local before/after check on one machine, the encoder's
 * token ids and the full analysis (embedding, both heads) of every text; ONNX Runtime's float
 * results depend on the CPU, so that file is not a portable test fixture.
 */
public final class GoldenDump {

    private GoldenDump() {
    }

    public static void main(String[] args) throws Exception {
        List<String> texts = GoldenTexts.all();
        try (ModelBundle bundle = ModelBundle.fromClasspath(EncoderSettings.defaults());
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[1])))) {
            // the MiniLM-only layouts (see FeatureGoldenTest): the stand-in embedding is 384-d
            FeatureLayout intent = FeatureGoldenTest.GOLDEN_INTENT;
            FeatureLayout complexity = FeatureGoldenTest.GOLDEN_COMPLEXITY;
            if (args[0].equals("features")) {
                out.println("# text index, sha256 of the intent head input, sha256 of the complexity head input");
                out.println("# (FeatureLayout.build with GoldenTexts and FeatureGoldenTest.standInEmbedding)");
                float[] embedding = FeatureGoldenTest.standInEmbedding();
                for (int i = 0; i < texts.size(); i++) {
                    out.println(i + " " + digest(intent.build(texts.get(i), embedding)) + " "
                            + digest(complexity.build(texts.get(i), embedding)));
                }
            } else {
                Map<String, String> options = Map.of("maxLength", "64", "truncation", "true", "padding", "false");
                try (InputStream in = OfflineDjl.resource(SentenceEncoder.TOKENIZER_RESOURCE);
                     HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(in, options);
                     BundleSession session = bundle.newSession()) {
                    for (int i = 0; i < texts.size(); i++) {
                        String text = texts.get(i);
                        long[] ids = tokenizer.encode(EncoderTranslator.clip(text, 64 * 16)).getIds();
                        Analysis a = session.analyze(text);
                        out.println(i + " ids=" + digest(ids) + " n=" + ids.length + " emb=" + digest(a.embedding())
                                + " intent=" + digest(a.intentProbabilities()) + " top=" + a.topIntent()
                                + " complexity=" + Double.doubleToLongBits(a.complexity()));
                    }
                }
            }
        }
    }

    static String digest(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4);
        for (float v : values) {
            bytes.putInt(Float.floatToRawIntBits(v));
        }
        return sha256(bytes.array());
    }

    static String digest(long[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 8);
        for (long v : values) {
            bytes.putLong(v);
        }
        return sha256(bytes.array());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
