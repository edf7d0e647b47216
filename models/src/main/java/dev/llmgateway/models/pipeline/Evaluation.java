package dev.llmgateway.models.pipeline;

import dev.llmgateway.models.runtime.Analysis;
import dev.llmgateway.models.runtime.ModelBundle;
import dev.llmgateway.models.runtime.RoutingScore;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
                  Map<String, RoutingPair> routing, int mmluTrainSize, RoutingScore scale,
                  ChatTransfer chatTransfer) {
    }

    /** A request to translate, in Chinese or English wording. */
    static final java.util.regex.Pattern TRANSLATION_REQUEST =
            java.util.regex.Pattern.compile("翻译|译成|译为|(?i:translate)");

    /**
     * Whether the routing numbers carry over from MMLU to chat prompts: Spearman's correlation of
     * difficulty and of complexity with WizardLM's human difficulty rating (1–10) on its test prompts.
     */
    record ChatTransfer(int n, double difficultyRho, double complexityRho, double demandRho, double gainRho,
                        double lengthRho) {
    }

    /** The quality level of the cost-saving figure: 95% of the strong model's quality, as RouteLLM reports. */
    static final double SAVING_AT = 0.95;

    /**
     * The router's curve (prompts ranked by difficulty, as routing does) next to the random router's
     * on the same prompts; the curve when ranked by complexity instead; how calibrated complexity
     * is as P(weak wrong); and the cost saving at {@link #SAVING_AT} of the strong model's quality.
     */
    record RoutingPair(RoutingCurve router, RoutingCurve random, RoutingCurve byComplexity, Calibration calibration,
                       CostAtQuality saving, CostAtQuality randomSaving) {
    }

    private Evaluation() {
    }

    static Result run(DataSets data, ModelBundle bundle) {
        List<Sample> wizard = data.intentEvaluation(WIZARDLM);
        List<Analysis> wizardAnalyses = analyze(bundle, wizard.stream().map(Sample::text).toList());
        IntentScores en = IntentScores.of(wizard.stream().map(Sample::label).toList(),
                wizardAnalyses.stream().map(a -> a.intentLabels().get(a.topIntent())).toList());
        double[] rated = data.wizardDifficulty().stream().mapToDouble(DataSets.WizardRow::difficulty).toArray();
        java.util.function.Function<java.util.function.ToDoubleFunction<Analysis>, Double> rho =
                score -> RankCorrelation.spearman(wizardAnalyses.stream().mapToDouble(score).toArray(), rated);
        ChatTransfer transfer = new ChatTransfer(rated.length, rho.apply(Analysis::difficulty),
                rho.apply(Analysis::complexity),
                bundle.manifest().head(ModelBundle.TASK).isPresent() ? rho.apply(Analysis::demand) : Double.NaN,
                rho.apply(Analysis::strongGain),
                RankCorrelation.spearman(wizard.stream().mapToDouble(s -> s.text().length()).toArray(), rated));
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
        RoutingScore scale = bundle.manifest().head(ModelBundle.COMPLEXITY).orElseThrow().routing();
        return new Result(en, zh, zhRemapped, routing, mmlu.train().size(), scale, transfer);
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
        double[] difficulty = analyses.stream().mapToDouble(Analysis::difficulty).toArray();
        double[] complexity = analyses.stream().mapToDouble(Analysis::complexity).toArray();
        int n = prompts.size();
        boolean[] strong = new boolean[n];
        boolean[] weak = new boolean[n];
        boolean[] weakFailed = new boolean[n];
        double[] strongCost = new double[n];
        double[] weakCost = new double[n];
        for (int i = 0; i < n; i++) {
            DataSets.RoutedPrompt p = prompts.get(i);
            strong[i] = p.strongCorrect();
            weak[i] = p.weakCorrect();
            weakFailed[i] = !weak[i];
            strongCost[i] = p.strongCost();
            weakCost[i] = p.weakCost();
        }
        return new RoutingPair(RoutingCurve.of(difficulty, strong, weak),
                RoutingCurve.random(strong, weak, RANDOM_DRAWS, DataSets.SPLIT_SEED),
                RoutingCurve.of(complexity, strong, weak),
                Calibration.of(complexity, weakFailed),
                CostAtQuality.of(difficulty, strong, weak, strongCost, weakCost, SAVING_AT),
                CostAtQuality.random(strong, weak, strongCost, weakCost, SAVING_AT, RANDOM_DRAWS, DataSets.SPLIT_SEED));
    }

    /** Analyses texts on one session per core, in input order. */
    static List<Analysis> analyze(ModelBundle bundle, List<String> texts) {
        Analysis[] out = new Analysis[texts.size()];
        PerCore.run(texts.size(), bundle::newSession, (session, i) -> out[i] = session.analyze(texts.get(i)),
                "evaluation");
        return Arrays.asList(out);
    }
}
