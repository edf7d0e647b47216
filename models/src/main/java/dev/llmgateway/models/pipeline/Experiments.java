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
        if (which.equals("demand")) {
            ChatTransferExperiments.demand(data, embedder);
            return;
        }
        if (which.equals("transfer")) {
            ChatTransferExperiments.transfer(data, embedder);
            return;
        }
        if (which.equals("complexity-cv")) {
            complexityCrossValidation(data, embedder);
            return;
        }
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

    /**
     * {@code -Dexperiment=complexity-cv}: k-fold cross-validation (default 5, {@code cv.folds}) on the
     * 80% MMLU training split only, for the complexity designs named in {@code cv.designs}
     * (comma-separated keys of {@link #complexityDesigns()}). Designs are chosen on the mean CV APGR;
     * the held-out 20% and RouterBench numbers are printed for the record, with the design trained
     * on the whole 80% ({@code cv.held=false} skips them).
     */
    private static void complexityCrossValidation(DataSets data, Embedder embedder) {
        int folds = Integer.getInteger("cv.folds", 5);
        DataSets.MmluSplit mmlu = data.mmlu();
        List<DataSets.RoutedPrompt> train = mmlu.train();
        List<DataSets.RoutedPrompt> held = mmlu.heldOut();
        List<DataSets.RoutedPrompt> bench = data.routerBench();
        FeatureLayout layout = HeadSpecs.COMPLEXITY_FEATURES;
        List<float[]> x = rows(layout, routed(train), embedder);
        String target = System.getProperty("cv.target", "weak_fails");
        List<String> y = train.stream().map(r -> targetLabel(target, r)).toList();
        Map<String, Supplier<Trainer<Label>>> designs = complexityDesigns();
        String wanted = System.getProperty("cv.designs", String.join(",", designs.keySet()));
        for (String key : wanted.split(",")) {
            Supplier<Trainer<Label>> design = designs.get(key.strip());
            if (design == null) {
                System.out.println("EXP unknown design " + key + "; known: " + designs.keySet());
                continue;
            }
            long start = System.nanoTime();
            double[] oof = new double[train.size()];
            double[] foldApgr = new double[folds];
            for (int f = 0; f < folds; f++) {
                Fold fold = Fold.of(x, y, folds, f);
                List<Integer> test = fold.test();
                var model = HeadTrainer.fit("complexity", fold.x(), fold.y(), design.get());
                double[] p = routingScore(target, model, test.stream().map(x::get).toList());
                for (int j = 0; j < test.size(); j++) {
                    oof[test.get(j)] = p[j];
                }
                foldApgr[f] = curve(p, test.stream().map(train::get).toList()).apgr();
            }
            double mean = java.util.Arrays.stream(foldApgr).average().orElse(0);
            double sd = Math.sqrt(java.util.Arrays.stream(foldApgr).map(a -> (a - mean) * (a - mean)).sum() / (folds - 1));
            RoutingCurve pooled = curve(oof, train);
            double brier = target.equals("weak_fails") ? brier(oof, train) : brierOnlyStrong(oof, train);
            String heldPart = "";
            if (Boolean.parseBoolean(System.getProperty("cv.held", "true"))) {
                var model = HeadTrainer.fit("complexity", x, y, design.get());
                double[] ph = routingScore(target, model, rows(layout, routed(held), embedder));
                double[] pb = routingScore(target, model, rows(layout, routed(bench), embedder));
                List<String> probe = List.of("Let G be a finite group and H a normal subgroup of prime index p. "
                        + "Prove that every element of order p^k ... which of the following statements is true?",
                        "Which color do you get by mixing blue and yellow?");
                List<float[]> px = new ArrayList<>();
                List<float[]> pe = embedder.embed(probe);
                for (int i = 0; i < probe.size(); i++) {
                    px.add(layout.build(probe.get(i), pe.get(i)));
                }
                double[] pp = routingScore(target, model, px);
                System.out.printf("EXP probe %s %s hard %.3f easy %.3f%n", target, key.strip(), pp[0], pp[1]);
                heldPart = String.format(" | held-out APGR %.3f Brier %.4f | bench APGR %.3f",
                        curve(ph, held).apgr(), target.equals("weak_fails") ? brier(ph, held) : brierOnlyStrong(ph, held),
                        curve(pb, bench).apgr());
            }
            System.out.printf("EXP cv%d target=%s %-24s fold APGR %.3f ± %.3f (folds %s) pooled %.3f CPT50 %.3f Brier %.4f%s [%.0f s]%n",
                    folds, target, key.strip(), mean, sd, java.util.Arrays.toString(
                            java.util.Arrays.stream(foldApgr).map(a -> Math.round(a * 1000) / 1000.0).toArray()),
                    pooled.apgr(), pooled.cpt50(), brier, heldPart, (System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * What the head is trained to predict: {@code weak_fails} (shipped: the weak model is wrong),
     * {@code joint} (the four outcomes of the two models; ranked by P(only strong right) −
     * P(only weak right), the expected gain of a strong call), {@code gain3} (strong only / same /
     * weak only, ranked the same way), {@code strong_only} (binary: only the strong model is right) or
     * {@code joint-gB} (joint, ranked by the shipped gain with partial credit B for "both wrong").
     * Brier is only meaningful for {@code weak_fails}.
     */
    private static String targetLabel(String target, DataSets.RoutedPrompt r) {
        boolean s = r.strongCorrect();
        boolean w = r.weakCorrect();
        return switch (target) {
            case "weak_fails" -> w ? DataSets.WEAK_OK : DataSets.WEAK_FAILS;
            case "joint", "joint-p10", "joint-b0.25", "joint-b0.5" -> (s ? "s1" : "s0") + (w ? "w1" : "w0");
            case "gain3" -> s && !w ? "strong_only" : (!s && w ? "weak_only" : "same");
            case "strong_only" -> s && !w ? "strong_only" : "other";
            default -> {
                if (target.startsWith("joint-g")) {
                    yield (s ? "s1" : "s0") + (w ? "w1" : "w0");
                }
                throw new IllegalArgumentException("cv.target " + target);
            }
        };
    }

    private static double[] routingScore(String target, org.tribuo.Model<Label> model, List<float[]> rows) {
        return switch (target) {
            case "weak_fails" -> HeadTrainer.probability(model, rows, DataSets.WEAK_FAILS);
            case "joint" -> minus(HeadTrainer.probability(model, rows, "s1w0"), HeadTrainer.probability(model, rows, "s0w1"));
            case "gain3" -> minus(HeadTrainer.probability(model, rows, "strong_only"),
                    HeadTrainer.probability(model, rows, "weak_only"));
            case "strong_only" -> HeadTrainer.probability(model, rows, "strong_only");
            case "joint-p10" -> HeadTrainer.probability(model, rows, "s1w0");
            case "joint-b0.25", "joint-b0.5" -> {
                double beta = Double.parseDouble(target.substring("joint-b".length()));
                double[] a = HeadTrainer.probability(model, rows, "s1w0");
                double[] b = HeadTrainer.probability(model, rows, "s0w0");
                for (int i = 0; i < a.length; i++) {
                    a[i] += beta * b[i];
                }
                yield a;
            }
            default -> {
                if (!target.startsWith("joint-g")) {
                    throw new IllegalArgumentException("cv.target " + target);
                }
                // expected gain of a strong call plus beta times P(both wrong): joint-g0.25
                yield gain(model, rows, Double.parseDouble(target.substring("joint-g".length())), "s1w0", "s0w1", "s0w0");
            }
        };
    }

    static double[] minus(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    /** Fold {@code f} of {@code folds} by row index: the training rows and labels, and the held-out indices. */
    record Fold(List<float[]> x, List<String> y, List<Integer> test) {

        static Fold of(List<float[]> rows, List<String> labels, int folds, int f) {
            List<float[]> x = new ArrayList<>();
            List<String> y = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (i % folds == f) {
                    test.add(i);
                } else {
                    x.add(rows.get(i));
                    y.add(labels.get(i));
                }
            }
            return new Fold(x, y, test);
        }
    }

    /** P(only strong) − P(only weak) + beta × P(both wrong), for a head with these three labels. */
    static double[] gain(org.tribuo.Model<Label> model, List<float[]> rows, double beta, String onlyStrong,
                         String onlyWeak, String bothWrong) {
        double[] a = minus(HeadTrainer.probability(model, rows, onlyStrong), HeadTrainer.probability(model, rows, onlyWeak));
        double[] b = HeadTrainer.probability(model, rows, bothWrong);
        for (int i = 0; i < a.length; i++) {
            a[i] += beta * b[i];
        }
        return a;
    }

    static List<float[]> rowsOf(FeatureLayout layout, List<String> texts, Embedder embedder) {
        List<float[]> embeddings = embedder.embed(texts);
        List<float[]> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            out.add(layout.build(texts.get(i), embeddings.get(i)));
        }
        return out;
    }

    /** Candidate complexity trainers for {@code complexity-cv}. */
    static Map<String, Supplier<Trainer<Label>>> complexityDesigns() {
        Map<String, Supplier<Trainer<Label>>> d = new LinkedHashMap<>();
        d.put("linear-e10-lr0.1", () -> HeadTrainer.linear(new HeadTrainer.Settings(10, 0.1, 8)));
        d.put("linear-e5-lr0.1", () -> HeadTrainer.linear(new HeadTrainer.Settings(5, 0.1, 8)));
        d.put("linear-e3-lr0.1", () -> HeadTrainer.linear(new HeadTrainer.Settings(3, 0.1, 8)));
        d.put("linear-e10-lr0.03", () -> HeadTrainer.linear(new HeadTrainer.Settings(10, 0.03, 8)));
        d.put("linear-e20-lr0.1", () -> HeadTrainer.linear(new HeadTrainer.Settings(20, 0.1, 8)));
        d.put("linear-e10-lr0.01", () -> HeadTrainer.linear(new HeadTrainer.Settings(10, 0.01, 8)));
        d.put("linear-e20-lr0.03", () -> HeadTrainer.linear(new HeadTrainer.Settings(20, 0.03, 8)));
        for (int k : new int[] {2, 4, 8, 16}) {
            for (int e : new int[] {3, 5, 10}) {
                for (double lr : new double[] {0.01, 0.03, 0.05, 0.1}) {
                    d.put("fm-k" + k + "-e" + e + "-lr" + lr, () -> fm(k, e, lr));
                }
            }
        }
        return d;
    }

    static Trainer<Label> fm(int factors, int epochs, double lr) {
        return new FMClassificationTrainer(new LogMulticlass(), new AdaGrad(lr, 0.1), epochs, Integer.MAX_VALUE, 8,
                HeadTrainer.SEED, factors, 0.1);
    }

    /** Brier score against "only the strong model is right" (meaningful for strong_only and joint-p10). */
    private static double brierOnlyStrong(double[] p, List<DataSets.RoutedPrompt> prompts) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double y = prompts.get(i).strongCorrect() && !prompts.get(i).weakCorrect() ? 1 : 0;
            s += (p[i] - y) * (p[i] - y);
        }
        return s / p.length;
    }

    private static double brier(double[] p, List<DataSets.RoutedPrompt> prompts) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double y = prompts.get(i).weakCorrect() ? 0 : 1;
            s += (p[i] - y) * (p[i] - y);
        }
        return s / p.length;
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

    static RoutingCurve curve(double[] score, List<DataSets.RoutedPrompt> prompts) {
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

    static List<String> texts(List<DataSets.RoutedPrompt> prompts) {
        return prompts.stream().map(DataSets.RoutedPrompt::text).toList();
    }

    private static List<String> labels(List<Sample> samples) {
        return samples.stream().map(Sample::label).toList();
    }

    private static List<float[]> rows(FeatureLayout layout, List<Sample> samples, Embedder embedder) {
        return rowsOf(layout, samples.stream().map(Sample::text).toList(), embedder);
    }
}
