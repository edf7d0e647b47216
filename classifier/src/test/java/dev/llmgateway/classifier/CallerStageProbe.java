package dev.llmgateway.classifier;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Thread CPU time of the classifier's own stages around the models (not a unit test): the 8,000
 * character clip, the cache key (SHA-256), and language detection, for LatencyBench's prompts of
 * about 32, 128 and 512 tokens and for a text at the 8,000-character limit. The model stages are
 * in the models module's {@code StageProbe}.
 *
 * <pre>java -cp ... dev.llmgateway.classifier.CallerStageProbe [iterations]</pre>
 */
public final class CallerStageProbe {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CallerStageProbe() {
    }

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        Map<String, Function<String, Object>> stages = new LinkedHashMap<>();
        stages.put("clip to 8,000 chars", OnnxClassifier::clip);
        stages.put("cache key (SHA-256)", ClassificationCache::keyOf);
        stages.put("language detection", LanguageDetector::detect);
        for (int promptTokens : new int[] {32, 128, 512, 2_000}) {
            String body = LatencyBench.promptOfAbout(promptTokens - 3);
            for (boolean print : new boolean[] {false, true}) {
                long[][] samples = new long[stages.size()][iterations];
                for (int i = 0; i < iterations; i++) {
                    String text = OnnxClassifier.clip("Request " + i + ": " + body);
                    int s = 0;
                    for (Function<String, Object> stage : stages.values()) {
                        long start = THREADS.getCurrentThreadCpuTime();
                        stage.apply(text);
                        samples[s++][i] = THREADS.getCurrentThreadCpuTime() - start;
                    }
                }
                if (print) {
                    System.out.printf("%n~%d-token prompt (%d chars before the clip), thread CPU µs%n| stage | median | mean |%n|---|---:|---:|%n",
                            promptTokens, body.length() + 11);
                    int s = 0;
                    for (String name : stages.keySet()) {
                        long[] sorted = samples[s++].clone();
                        Arrays.sort(sorted);
                        System.out.printf("| %s | %.1f | %.1f |%n", name, sorted[sorted.length / 2] / 1e3,
                                Arrays.stream(sorted).average().orElse(0) / 1e3);
                    }
                }
            }
        }
    }
}
