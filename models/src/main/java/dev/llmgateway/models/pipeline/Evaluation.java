package dev.llmgateway.models.pipeline;

import dev.llmgateway.models.runtime.Analysis;
import dev.llmgateway.models.runtime.BundleSession;
import dev.llmgateway.models.runtime.ModelBundle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs the shipped bundle (not the training code) over every evaluation set. */
final class Evaluation {

    static final String WIZARDLM = "wizardlm_testset.dev.jsonl";
    static final String BELLE = "belle_eval_zh.dev.jsonl";
    static final int RANDOM_DRAWS = 200;

    /**
     * @param chineseTranslationAsTranslation the BELLE scores again, with its {@code rewrite} rows that
     *        ask for a translation labelled {@code translation} (BELLE has no translation class; the
     *        gateway does, because translation routes differently). Reported next to, never instead
     *        of, the official mapping.
     */
    record Result(IntentScores english, IntentScores chinese, IntentScores chineseTranslationAsTranslation,
                  Map<String, RoutingPair> routing, int mmluTrainSize) {
    }

    /** A request to translate, in Chinese or English wording. */
    static final java.util.regex.Pattern TRANSLATION_REQUEST =
            java.util.regex.Pattern.compile("翻译|译成|译为|(?i:translate)");

    /** A router's curve next to the random router's on the same prompts, and how calibrated its score is. */
    record RoutingPair(RoutingCurve router, RoutingCurve random, Calibration calibration) {
    }

    private Evaluation() {
    }

    static Result run(DataSets data, ModelBundle bundle) {
        IntentScores en = intent(bundle, data.intentEvaluation(WIZARDLM));
        List<Sample> belle = data.intentEvaluation(BELLE);
        List<String> belleVotes = predictions(bundle, belle);
        IntentScores zh = IntentScores.of(belle.stream().map(Sample::label).toList(), belleVotes);
        IntentScores zhRemapped = IntentScores.of(belle.stream().map(Evaluation::translationAsTranslation).toList(),
                belleVotes);
        DataSets.MmluSplit mmlu = data.mmlu();
        Map<String, RoutingPair> routing = new LinkedHashMap<>();
        routing.put("RouteLLM MMLU, held-out 20%", routing(bundle, mmlu.heldOut()));
        List<DataSets.RoutedPrompt> bench = data.routerBench();
        routing.put("RouterBench subset, all", routing(bundle, bench));
        for (String b : bench.stream().map(DataSets.RoutedPrompt::benchmark).distinct().sorted().toList()) {
            routing.put("RouterBench subset, " + b,
                    routing(bundle, bench.stream().filter(p -> p.benchmark().equals(b)).toList()));
        }
        return new Result(en, zh, zhRemapped, routing, mmlu.train().size());
    }

    private static IntentScores intent(ModelBundle bundle, List<Sample> samples) {
        return IntentScores.of(samples.stream().map(Sample::label).toList(), predictions(bundle, samples));
    }

    private static List<String> predictions(ModelBundle bundle, List<Sample> samples) {
        List<Analysis> analyses = analyze(bundle, samples.stream().map(Sample::text).toList());
        return analyses.stream().map(a -> a.intentLabels().get(a.topIntent())).toList();
    }

    static String translationAsTranslation(Sample s) {
        return s.label().equals("rewrite") && TRANSLATION_REQUEST.matcher(s.text()).find() ? "translation" : s.label();
    }

    private static RoutingPair routing(ModelBundle bundle, List<DataSets.RoutedPrompt> prompts) {
        List<Analysis> analyses = analyze(bundle, prompts.stream().map(DataSets.RoutedPrompt::text).toList());
        double[] score = analyses.stream().mapToDouble(Analysis::complexity).toArray();
        boolean[] strong = new boolean[prompts.size()];
        boolean[] weak = new boolean[prompts.size()];
        for (int i = 0; i < prompts.size(); i++) {
            strong[i] = prompts.get(i).strongCorrect();
            weak[i] = prompts.get(i).weakCorrect();
        }
        boolean[] weakFailed = new boolean[weak.length];
        for (int i = 0; i < weak.length; i++) {
            weakFailed[i] = !weak[i];
        }
        return new RoutingPair(RoutingCurve.of(score, strong, weak),
                RoutingCurve.random(strong, weak, RANDOM_DRAWS, DataSets.SPLIT_SEED),
                Calibration.of(score, weakFailed));
    }

    /** Analyses texts on one session per core, in input order. */
    static List<Analysis> analyze(ModelBundle bundle, List<String> texts) {
        int threads = Runtime.getRuntime().availableProcessors();
        Analysis[] out = new Analysis[texts.size()];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                parts.add(pool.submit(() -> {
                    try (BundleSession session = bundle.newSession()) {
                        for (int i = offset; i < texts.size(); i += threads) {
                            out[i] = session.analyze(texts.get(i));
                        }
                    }
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("evaluation failed", e);
        } finally {
            pool.shutdown();
        }
        return Arrays.asList(out);
    }
}
