package dev.llmgateway.models.runtime;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the CPU time of one analysis goes, stage by stage (not a unit test). Every stage runs once
 * per iteration on the same distinct prompt, round robin, and is timed in <em>thread CPU time</em>,
 * which other processes on a busy machine inflate far less than wall-clock time. Prints the median
 * and mean microseconds per stage for prompts of about 32, 128 and 512 tokens.
 *
 * <pre>java -cp ... dev.llmgateway.models.runtime.StageProbe [iterations]</pre>
 */
public final class StageProbe {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private StageProbe() {
    }

    @FunctionalInterface
    interface Stage {
        Object run(String text) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        EncoderSettings settings = EncoderSettings.defaults();
        Map<String, String> options = Map.of("truncation", "false", "padding", "false");
        try (ModelBundle bundle = ModelBundle.fromClasspath(settings);
             BundleSession session = bundle.newSession();
             InputStream tokenizerJson = OfflineDjl.resource(SentenceEncoder.TOKENIZER_RESOURCE);
             HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, options);
             InputStream onnx = OfflineDjl.resource(SentenceEncoder.ONNX_RESOURCE)) {
            FeatureLayout intent = bundle.manifest().head(ModelBundle.INTENT).orElseThrow().features();
            FeatureLayout complexity = bundle.manifest().head(ModelBundle.COMPLEXITY).orElseThrow().features();
            int maxChars = settings.maxTokens() * EncoderTranslator.CHARS_PER_TOKEN_BOUND;
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions so = new OrtSession.SessionOptions();
            so.setIntraOpNumThreads(1);
            so.setInterOpNumThreads(1);
            OrtSession raw = env.createSession(onnx.readAllBytes(), so);
            float[] embedding = session.analyze("warm up").embedding();
            Predictor<float[], float[]> intentHead = bundle.intentHead().newPredictor();
            Predictor<float[], float[]> complexityHead = bundle.complexityHead().newPredictor();

            Map<String, Stage> stages = new LinkedHashMap<>();
            EncoderTranslator translator = new EncoderTranslator(tokenizer, settings.maxTokens());
            stages.put("encoder: clip to 16 chars/token", t -> EncoderTranslator.clip(t, maxChars));
            stages.put("encoder: tokenise (token ids)", translator::tokenIds);
            stages.put("encoder: forward, raw ORT session", t -> ortRun(env, raw, translator.tokenIds(t)));
            stages.put("  (of which tokenise, to subtract)", translator::tokenIds);
            stages.put("encoder: whole DJL predict (embed)", t -> session.encoder().embed(t));
            stages.put("pooling (mean + L2) on 64x384", t -> Pooling.l2Normalize(
                    Pooling.meanPool(HIDDEN, MASK, SentenceEncoder.DIMENSIONS)));
            stages.put("script (mostlyHan)", Script::mostlyHan);
            stages.put("lexical 8192 (intent)", t -> LexicalFeatures.hashed(t, 8192));
            stages.put("lexical 1024 (complexity)", t -> LexicalFeatures.hashed(t, 1024));
            stages.put("statistics", PromptStatistics::of);
            stages.put("build intent row (all blocks)", t -> intent.build(t, embedding));
            stages.put("build complexity row (all blocks)", t -> complexity.build(t, embedding));
            stages.put("lexical hashes only (once per text)", LexicalFeatures::hashes);
            stages.put("both rows from one FeatureText", t -> {
                FeatureText shared = FeatureText.of(t);
                intent.build(shared, embedding);
                return complexity.build(shared, embedding);
            });
            stages.put("intent head predict (DJL)", t -> intentHead.predict(intent.build("x", embedding)));
            stages.put("complexity head predict (DJL)", t -> complexityHead.predict(complexity.build("x", embedding)));
            stages.put("  (of which build 'x' rows)", t -> {
                intent.build("x", embedding);
                return complexity.build("x", embedding);
            });
            stages.put("whole analyze (BundleSession)", session::analyze);

            for (int promptTokens : new int[] {32, 128, 512}) {
                String body = GoldenTexts.prompt(promptTokens - 3);
                long[] ids = translator.tokenIds("Request 0: " + body);
                run(stages, body, 150, false, promptTokens, ids.length);
                run(stages, body, iterations, true, promptTokens, ids.length);
            }
            intentHead.close();
            complexityHead.close();
            raw.close();
        }
    }

    private static final long[] MASK = filled(64);
    private static final float[] HIDDEN = hidden();

    private static long[] filled(int n) {
        long[] m = new long[n];
        Arrays.fill(m, 1);
        return m;
    }

    private static float[] hidden() {
        float[] h = new float[64 * SentenceEncoder.DIMENSIONS];
        for (int i = 0; i < h.length; i++) {
            h[i] = (float) Math.sin(i);
        }
        return h;
    }

    static Object ortRun(OrtEnvironment env, OrtSession session, long[] ids) throws Exception {
        long[] shape = {1, ids.length};
        long[] ones = filled(ids.length);
        long[] zeros = new long[ids.length];
        try (OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor b = OnnxTensor.createTensor(env, LongBuffer.wrap(ones), shape);
             OnnxTensor c = OnnxTensor.createTensor(env, LongBuffer.wrap(zeros), shape);
             OrtSession.Result r = session.run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
            return ((OnnxTensor) r.get(0)).getFloatBuffer();
        }
    }

    private static void run(Map<String, Stage> stages, String body, int iterations, boolean print,
                            int promptTokens, int encoderTokens) throws Exception {
        List<long[]> samples = new ArrayList<>();
        for (int s = 0; s < stages.size(); s++) {
            samples.add(new long[iterations]);
        }
        Object sink = null;
        for (int i = 0; i < iterations; i++) {
            String text = "Request " + i + ": " + body;
            int s = 0;
            for (Stage stage : stages.values()) {
                long start = THREADS.getCurrentThreadCpuTime();
                sink = stage.run(text);
                samples.get(s++)[i] = THREADS.getCurrentThreadCpuTime() - start;
            }
        }
        if (!print) {
            return;
        }
        System.out.printf("%n~%d-token prompt (%d chars, %d encoder tokens), %d iterations, thread CPU µs%n",
                promptTokens, body.length() + 11, encoderTokens, iterations);
        System.out.printf("| stage | median | mean |%n|---|---:|---:|%n");
        int s = 0;
        for (String name : stages.keySet()) {
            long[] xs = samples.get(s++);
            long[] sorted = xs.clone();
            Arrays.sort(sorted);
            System.out.printf("| %s | %.1f | %.1f |%n", name, sorted[sorted.length / 2] / 1e3,
                    Arrays.stream(xs).average().orElse(0) / 1e3);
        }
        if (sink == null) {
            System.out.println();
        }
    }
}
