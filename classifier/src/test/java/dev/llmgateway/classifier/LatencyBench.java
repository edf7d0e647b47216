package dev.llmgateway.classifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measured load test (not a unit test): closed-loop callers hammer one {@link OnnxClassifier} with
 * prompts of a given length and we report end-to-end {@code tryClassify} latency, queue wait
 * included, plus how often the pool refused. Bounded in time; talks to nothing but the CPU.
 *
 * <pre>mvn -pl classifier exec:java -Dbench.args="10"   # seconds per scenario</pre>
 */
public final class LatencyBench {

    private static final String SENTENCE =
            "The quarterly report shows revenue growth in every region, but costs rose faster than expected. ";
    /** 36 characters, 36 tokens (BERT splits every Han character and the full-width punctuation). */
    private static final String SENTENCE_ZH = "季度报告显示各地区收入均有增长，但成本上升得比预期更快。请分析原因并给出建议。";

    private LatencyBench() {
    }

    /**
     * Args: seconds per row (default 10), then encoder max-token settings to measure (default the
     * shipped one). The prompt cache is off and every call's prompt differs, so each row measures
     * real encoder work; a cache hit costs microseconds and is not what the target is about.
     */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int[] maxTokensList = args.length > 1
                ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {ClassifierSettings.defaults().maxTokens()};
        System.out.printf("cores=%d, %d s per scenario, budget 1 s (no caller gives up), cache off%n%n",
                Runtime.getRuntime().availableProcessors(), seconds);
        System.out.println("| encoder max tokens | language | prompt tokens | callers | calls | refused | p50 ms | p90 ms | p99 ms | max ms | calls/s | worker CPU ms/call |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int maxTokens : maxTokensList) {
            ClassifierSettings settings = new ClassifierSettings(Runtime.getRuntime().availableProcessors(),
                    64, Duration.ofSeconds(1), maxTokens, 0);
            try (Classifier classifier = Classifier.onnx(settings)) {
                run(classifier, false, 32, 1, 3, maxTokens, false); // warm-up, not printed
                run(classifier, true, 32, 1, 3, maxTokens, false); // the Chinese encoder too, if any
                for (boolean chinese : new boolean[] {false, true}) {
                    for (int promptTokens : new int[] {32, 128, 512}) {
                        for (int callers : new int[] {1, 2}) {
                            run(classifier, chinese, promptTokens, callers, seconds, maxTokens, true);
                        }
                    }
                }
            }
        }
        cacheHits(seconds);
    }

    /** One repeated 512-token prompt with the default cache: every call after the first is a hit. */
    private static void cacheHits(int seconds) throws Exception {
        try (Classifier classifier = Classifier.onnx(ClassifierSettings.defaults())) {
            String prompt = promptOfAbout(512);
            List<Long> samples = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            while (System.nanoTime() < end && samples.size() < 1_000_000) {
                long start = System.nanoTime();
                classifier.tryClassify(prompt, Duration.ofSeconds(1)).orElseThrow();
                samples.add(System.nanoTime() - start);
            }
            long[] all = samples.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("%ncache hits, ~512-token prompt repeated, 1 caller: %d calls, p50 %.3f ms, p99 %.3f ms%n",
                    all.length, ms(pct(all, 0.50)), ms(pct(all, 0.99)));
        }
    }

    /** About {@code tokens} word-piece tokens of ordinary English (one token per word or comma). */
    static String promptOfAbout(int tokens) {
        StringBuilder sb = new StringBuilder();
        int perSentence = 18;
        while (sb.length() / SENTENCE.length() * perSentence < tokens) {
            sb.append(SENTENCE);
        }
        return sb.toString();
    }

    /** About {@code tokens} tokens of Chinese (one token per Han character or punctuation mark). */
    static String chinesePromptOfAbout(int tokens) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < tokens) {
            sb.append(SENTENCE_ZH);
        }
        return sb.substring(0, tokens);
    }

    /**
     * {@code chinese}: mostly-Han prompts, which go through the Chinese encoder when the shipped
     * models name one (otherwise through MiniLM like the rest).
     */
    private static void run(Classifier classifier, boolean chinese, int promptTokens, int callers, int seconds,
                            int maxTokens, boolean print) throws Exception {
        String body = chinese ? chinesePromptOfAbout(promptTokens - 4) : promptOfAbout(promptTokens - 3);
        String prefix = chinese ? "请求" : "Request ";
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicInteger refused = new AtomicInteger();
        long workerCpuBefore = workerCpuNanos();
        List<Future<long[]>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            for (int c = 0; c < callers; c++) {
                results.add(pool.submit(() -> {
                    long[] samples = new long[100_000];
                    int n = 0;
                    while (System.nanoTime() < end && n < samples.length) {
                        String prompt = prefix + n + ": " + body; // distinct text, same length
                        long start = System.nanoTime();
                        if (classifier.tryClassify(prompt, Duration.ofSeconds(1)).isEmpty()) {
                            refused.incrementAndGet();
                        }
                        samples[n++] = System.nanoTime() - start;
                    }
                    return Arrays.copyOf(samples, n);
                }));
            }
            long[] all = new long[0];
            for (Future<long[]> f : results) {
                long[] part = f.get();
                long[] merged = Arrays.copyOf(all, all.length + part.length);
                System.arraycopy(part, 0, merged, all.length, part.length);
                all = merged;
            }
            Arrays.sort(all);
            double cpuPerCall = ms(workerCpuNanos() - workerCpuBefore) / Math.max(1, all.length - refused.get());
            if (print) {
                System.out.printf("| %d | %s | ~%d | %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %.0f | %.2f |%n", maxTokens,
                        chinese ? "zh" : "en", promptTokens, callers, all.length, refused.get(), ms(pct(all, 0.50)), ms(pct(all, 0.90)),
                        ms(pct(all, 0.99)), ms(all[all.length - 1]), all.length / (double) seconds, cpuPerCall);
            }
        }
    }

    /**
     * CPU time the classifier's worker threads have used so far. Per call it is the work a
     * classification costs, which other processes on a shared machine disturb much less than
     * they disturb wall-clock latency.
     */
    private static long workerCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("classifier-")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static long pct(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
