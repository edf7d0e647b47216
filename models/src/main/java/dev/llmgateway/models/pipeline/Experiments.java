package dev.llmgateway.models.pipeline;

import dev.llmgateway.models.runtime.FeatureLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.fm.FMClassificationTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * {@code experiment}: compares a handful of head designs in memory, on cached embeddings, without
 * writing any model. Used to choose between approaches by their aggregate scores; nothing from
 * the evaluation sets is trained on. Ships nothing, so it can be thrown away at any time.
 */
final class Experiments {

    private Experiments() {
    }

    /** {@code -Dexperiment=intent|complexity|all} picks the part to run (default all). */
    static void run(DataSets data, Embedder embedder) {
        String which = System.getProperty("experiment", "all");
        if (!which.equals("complexity")) {
            intent(data, embedder);
        }
        if (!which.equals("intent")) {
            complexity(data, embedder);
        }
    }

    private static void intent(DataSets data, Embedder embedder) {
        List<Sample> train = data.intentTraining();
        List<Sample> en = data.intentEvaluation(Evaluation.WIZARDLM);
        List<Sample> zh = data.intentEvaluation(Evaluation.BELLE);
        Map<String, Supplier<Trainer<Label>>> trainers = new LinkedHashMap<>();
        trainers.put("linear e10 lr0.5", () -> HeadTrainer.linear(new HeadTrainer.Settings(10, 0.5, 1)));
        trainers.put("linear e10 lr0.2", () -> HeadTrainer.linear(new HeadTrainer.Settings(10, 0.2, 1)));
        trainers.put("linear e20 lr0.2", () -> HeadTrainer.linear(new HeadTrainer.Settings(20, 0.2, 1)));
        List<FeatureLayout> layouts = List.of(new FeatureLayout(true, 4096, false, false),
                new FeatureLayout(true, 8192, false, false), new FeatureLayout(true, 4096, false, true),
                new FeatureLayout(true, 8192, false, true), new FeatureLayout(true, 8192, true, true));
        for (FeatureLayout layout : layouts) {
            List<float[]> x = rows(layout, train, embedder);
            List<float[]> xEn = rows(layout, en, embedder);
            List<float[]> xZh = rows(layout, zh, embedder);
            for (Map.Entry<String, Supplier<Trainer<Label>>> t : trainers.entrySet()) {
                var model = HeadTrainer.fit("intent", x, train.stream().map(Sample::label).toList(), t.getValue().get());
                double f1En = IntentScores.of(labels(en), HeadTrainer.predict(model, xEn)).macroF1();
                double f1Zh = IntentScores.of(labels(zh), HeadTrainer.predict(model, xZh)).macroF1();
                System.out.printf("EXP intent %s %-18s en %.3f zh %.3f%n", layout, t.getKey(), f1En, f1Zh);
            }
        }
    }

    private static void complexity(DataSets data, Embedder embedder) {
        DataSets.MmluSplit mmlu = data.mmlu();
        List<Sample> train = mmlu.train().stream().map(DataSets.RoutedPrompt::asSample).toList();
        List<DataSets.RoutedPrompt> held = mmlu.heldOut();
        List<DataSets.RoutedPrompt> bench = data.routerBench();
        Map<String, Supplier<Trainer<Label>>> trainers = new LinkedHashMap<>();
        trainers.put("linear e10 lr0.1 mb8", () -> HeadTrainer.linear(new HeadTrainer.Settings(10, 0.1, 8)));
        trainers.put("linear e30 lr0.05 mb8", () -> HeadTrainer.linear(new HeadTrainer.Settings(30, 0.05, 8)));
        trainers.put("fm k8 e10 lr0.05 mb8", () -> new FMClassificationTrainer(new LogMulticlass(),
                new AdaGrad(0.05, 0.1), 10, Integer.MAX_VALUE, 8, HeadTrainer.SEED, 8, 0.1));
        for (boolean stats : new boolean[] {false, true}) {
            for (int buckets : new int[] {0, 1024}) {
                FeatureLayout layout = new FeatureLayout(true, buckets);
                List<float[]> x = withStats(rows(layout, train, embedder), train.stream().map(Sample::text).toList(), stats);
                List<float[]> xHeld = withStats(rows(layout, routed(held), embedder), texts(held), stats);
                List<float[]> xBench = withStats(rows(layout, routed(bench), embedder), texts(bench), stats);
                for (Map.Entry<String, Supplier<Trainer<Label>>> t : trainers.entrySet()) {
                    var model = HeadTrainer.fit("complexity", x, train.stream().map(Sample::label).toList(),
                            t.getValue().get());
                    RoutingCurve h = curve(HeadTrainer.probability(model, xHeld, DataSets.WEAK_FAILS), held);
                    RoutingCurve b = curve(HeadTrainer.probability(model, xBench, DataSets.WEAK_FAILS), bench);
                    System.out.printf("EXP complexity stats=%s buckets=%d %-22s mmlu APGR %.3f CPT50 %.3f | bench APGR %.3f%n",
                            stats, buckets, t.getKey(), h.apgr(), h.cpt50(), b.apgr());
                }
            }
        }
    }

    private static List<float[]> withStats(List<float[]> rows, List<String> texts, boolean stats) {
        if (!stats) {
            return rows;
        }
        List<float[]> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            float[] extra = dev.llmgateway.models.runtime.PromptStatistics.of(texts.get(i));
            float[] row = java.util.Arrays.copyOf(rows.get(i), rows.get(i).length + extra.length);
            System.arraycopy(extra, 0, row, rows.get(i).length, extra.length);
            out.add(row);
        }
        return out;
    }

    private static RoutingCurve curve(double[] score, List<DataSets.RoutedPrompt> prompts) {
        boolean[] strong = new boolean[prompts.size()];
        boolean[] weak = new boolean[prompts.size()];
        for (int i = 0; i < prompts.size(); i++) {
            strong[i] = prompts.get(i).strongCorrect();
            weak[i] = prompts.get(i).weakCorrect();
        }
        return RoutingCurve.of(score, strong, weak);
    }

    private static List<Sample> routed(List<DataSets.RoutedPrompt> prompts) {
        return prompts.stream().map(DataSets.RoutedPrompt::asSample).toList();
    }

    private static List<String> texts(List<DataSets.RoutedPrompt> prompts) {
        return prompts.stream().map(DataSets.RoutedPrompt::text).toList();
    }

    private static List<String> labels(List<Sample> samples) {
        return samples.stream().map(Sample::label).toList();
    }

    private static List<float[]> rows(FeatureLayout layout, List<Sample> samples, Embedder embedder) {
        List<String> texts = samples.stream().map(Sample::text).toList();
        List<float[]> embeddings = embedder.embed(texts);
        List<float[]> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            out.add(layout.build(texts.get(i), embeddings.get(i)));
        }
        return out;
    }
}
