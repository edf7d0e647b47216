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
            demand(data, embedder);
            return;
        }
        if (which.equals("transfer")) {
            transfer(data, embedder);
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

    private static double[] minus(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    /**
     * {@code -Dexperiment=transfer}: does the joint-outcome head carry over from MMLU's
     * multiple-choice prompts to chat prompts? For each feature layout, with and without training
     * copies of the MMLU prompts stripped of their options ({@link #withoutOptions}), prints 5-fold
     * CV APGR on the training split, held-out APGR, and the Spearman correlation of the gain with
     * WizardLM's human difficulty rating (evaluation only: measured, never trained on).
     */
    private static void transfer(DataSets data, Embedder embedder) {
        DataSets.MmluSplit mmlu = data.mmlu();
        List<DataSets.RoutedPrompt> train = mmlu.train();
        List<DataSets.RoutedPrompt> held = mmlu.heldOut();
        List<DataSets.WizardRow> wizard = data.wizardDifficulty();
        double beta = Double.parseDouble(System.getProperty("complexity.partial-credit", "0.25"));
        List<FeatureLayout> layouts = List.of(new FeatureLayout(true, 1024, true, false),
                new FeatureLayout(true, 1024, false, false), new FeatureLayout(true, 0, false, false),
                new FeatureLayout(true, 0, true, false));
        for (FeatureLayout layout : layouts) {
            for (boolean augment : new boolean[] {false, true}) {
                long start = System.nanoTime();
                List<String> texts = new ArrayList<>(train.stream().map(DataSets.RoutedPrompt::text).toList());
                List<String> y = new ArrayList<>(train.stream().map(r -> dev.llmgateway.models.runtime.RoutingScore
                        .outcome(r.strongCorrect(), r.weakCorrect())).toList());
                if (augment) {
                    for (DataSets.RoutedPrompt r : train) {
                        String bare = withoutOptions(r.text());
                        if (!bare.equals(r.text())) {
                            texts.add(bare);
                            y.add(dev.llmgateway.models.runtime.RoutingScore.outcome(r.strongCorrect(), r.weakCorrect()));
                        }
                    }
                }
                List<float[]> x = rowsOf(layout, texts, embedder);
                var trainer = HeadTrainer.linear(new HeadTrainer.Settings(10, 0.03, 8));
                var model = HeadTrainer.fit("complexity", x, y, trainer);
                double[] h = gain(model, rowsOf(layout, texts(held), embedder), beta);
                double[] w = gain(model, rowsOf(layout, wizard.stream().map(DataSets.WizardRow::text).toList(), embedder), beta);
                double rho = RankCorrelation.spearman(w, wizard.stream().mapToDouble(DataSets.WizardRow::difficulty).toArray());
                double[] probe = gain(model, rowsOf(layout, List.of("Let G be a finite group and H a normal subgroup of "
                        + "prime index p. Prove that every element of order p^k ... which of the following statements is true?",
                        "Which color do you get by mixing blue and yellow?", "Hi! How are you?",
                        "Write a Python function that returns the n-th Fibonacci number using memoisation."), embedder), beta);
                System.out.printf("EXP transfer %s augment=%s held APGR %.3f | wizard spearman %.3f | probe hard %.3f "
                                + "colour %.3f hi %.3f fib %.3f [%.0f s]%n", layout, augment, curve(h, held).apgr(), rho,
                        probe[0], probe[1], probe[2], probe[3], (System.nanoTime() - start) / 1e9);
            }
        }
    }

    /**
     * {@code -Dexperiment=demand}: the task head. First 5-fold CV on the project's own
     * difficulty-train.jsonl for a few designs (accuracy, and Spearman of the expected level with the
     * written level, out of fold); choose on these. Then, for the shipped design trained on all of
     * it, the blend with the complexity head's gain at several weights: held-out MMLU APGR and the
     * Spearman correlation with WizardLM's human difficulty (evaluation only; printed for the record).
     */
    private static void demand(DataSets data, Embedder embedder) {
        List<Sample> tasks = data.difficultyTraining();
        List<String> levels = tasks.stream().map(Sample::label).toList();
        double[] ordinal = levels.stream().mapToDouble(l -> dev.llmgateway.models.runtime.TaskDemand.LEVELS.indexOf(l)).toArray();
        int folds = 5;
        Map<String, FeatureLayout> layouts = new LinkedHashMap<>();
        layouts.put("script+2048+stats", new FeatureLayout(true, 2048, true, true));
        layouts.put("script+0+stats", new FeatureLayout(true, 0, true, true));
        layouts.put("script+2048", new FeatureLayout(true, 2048, false, true));
        layouts.put("shared+2048+stats", new FeatureLayout(true, 2048, true, false));
        for (Map.Entry<String, FeatureLayout> layout : layouts.entrySet()) {
            List<float[]> x = rowsOf(layout.getValue(), tasks.stream().map(Sample::text).toList(), embedder);
            for (double lr : new double[] {0.1, 0.5}) {
                double[] oof = new double[x.size()];
                int right = 0;
                for (int f = 0; f < folds; f++) {
                    Fold fold = Fold.of(x, levels, folds, f);
                    List<Integer> test = fold.test();
                    var model = HeadTrainer.fit("task", fold.x(), fold.y(),
                            HeadTrainer.linear(new HeadTrainer.Settings(10, lr, 1)));
                    List<float[]> xs = test.stream().map(x::get).toList();
                    double[] e = expectedLevel(model, xs);
                    List<String> predicted = HeadTrainer.predict(model, xs);
                    for (int j = 0; j < test.size(); j++) {
                        oof[test.get(j)] = e[j];
                        right += predicted.get(j).equals(levels.get(test.get(j))) ? 1 : 0;
                    }
                }
                System.out.printf("EXP demand cv5 %-20s lr %.1f accuracy %.3f spearman %.3f%n", layout.getKey(), lr,
                        (double) right / x.size(), RankCorrelation.spearman(oof, ordinal));
            }
        }
        // the shipped task design, blended with the shipped complexity design at several weights
        FeatureLayout taskLayout = HeadSpecs.TASK_FEATURES;
        var task = HeadTrainer.fit("task", rowsOf(taskLayout, tasks.stream().map(Sample::text).toList(), embedder),
                levels, HeadTrainer.linear(HeadSpecs.TASK_TRAINING));
        double[] demandTrain = expectedLevel(task, rowsOf(taskLayout, tasks.stream().map(Sample::text).toList(), embedder));
        DataSets.MmluSplit mmlu = data.mmlu();
        FeatureLayout cLayout = HeadSpecs.COMPLEXITY_FEATURES;
        List<float[]> cx = rowsOf(cLayout, texts(mmlu.train()), embedder);
        var complexity = HeadTrainer.fit("complexity", cx, mmlu.train().stream().map(r -> dev.llmgateway.models.runtime
                .RoutingScore.outcome(r.strongCorrect(), r.weakCorrect())).toList(), HeadTrainer.linear(HeadSpecs.COMPLEXITY_TRAINING));
        double beta = HeadSpecs.COMPLEXITY_PARTIAL_CREDIT;
        List<Double> gainScale = dev.llmgateway.models.runtime.RoutingScore.percentiles(gain(complexity, cx, beta));
        List<Double> demandScale = dev.llmgateway.models.runtime.TaskDemand.percentiles(demandTrain);
        List<DataSets.WizardRow> wizard = data.wizardDifficulty();
        List<String> wizardTexts = wizard.stream().map(DataSets.WizardRow::text).toList();
        double[] rated = wizard.stream().mapToDouble(DataSets.WizardRow::difficulty).toArray();
        double[] heldGain = percentile(gainScale, gain(complexity, rowsOf(cLayout, texts(mmlu.heldOut()), embedder), beta));
        double[] heldDemand = percentile(demandScale, expectedLevel(task, rowsOf(taskLayout, texts(mmlu.heldOut()), embedder)));
        double[] wizGain = percentile(gainScale, gain(complexity, rowsOf(cLayout, wizardTexts, embedder), beta));
        double[] wizDemand = percentile(demandScale, expectedLevel(task, rowsOf(taskLayout, wizardTexts, embedder)));
        for (double w : new double[] {0, 0.25, 0.5, 0.75, 1}) {
            double[] h = blend(heldGain, heldDemand, w);
            double[] z = blend(wizGain, wizDemand, w);
            System.out.printf("EXP demand blend w=%.2f held-out MMLU APGR %.3f | wizard spearman %.3f%n", w,
                    curve(h, mmlu.heldOut()).apgr(), RankCorrelation.spearman(z, rated));
        }
    }

    private static double[] expectedLevel(org.tribuo.Model<Label> model, List<float[]> rows) {
        double[] moderate = HeadTrainer.probability(model, rows, dev.llmgateway.models.runtime.TaskDemand.MODERATE);
        double[] demanding = HeadTrainer.probability(model, rows, dev.llmgateway.models.runtime.TaskDemand.DEMANDING);
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = 0.5 * moderate[i] + demanding[i];
        }
        return out;
    }

    private static double[] percentile(List<Double> scale, double[] values) {
        dev.llmgateway.models.runtime.TaskDemand t = new dev.llmgateway.models.runtime.TaskDemand(scale);
        return java.util.Arrays.stream(values).map(t::percentile).toArray();
    }

    private static double[] blend(double[] a, double[] b, double w) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (1 - w) * a[i] + w * b[i];
        }
        return out;
    }

    /** Fold {@code f} of {@code folds} by row index: the training rows and labels, and the held-out indices. */
    private record Fold(List<float[]> x, List<String> y, List<Integer> test) {

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

    /** An MMLU prompt without its lettered options and trailing "Answer:", as a chat user would ask it. */
    static String withoutOptions(String prompt) {
        StringBuilder out = new StringBuilder();
        for (String line : prompt.split("\n")) {
            String t = line.strip();
            if (t.matches("[A-D][.)]\\s.*|[A-D][.)]") || t.equals("Answer:")) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(line);
        }
        return out.toString().strip();
    }

    private static double[] gain(org.tribuo.Model<Label> model, List<float[]> rows, double beta) {
        return gain(model, rows, beta, "only_strong_right", "only_weak_right", "both_wrong");
    }

    /** P(only strong) − P(only weak) + beta × P(both wrong), for a head with these three labels. */
    private static double[] gain(org.tribuo.Model<Label> model, List<float[]> rows, double beta, String onlyStrong,
                                 String onlyWeak, String bothWrong) {
        double[] a = minus(HeadTrainer.probability(model, rows, onlyStrong), HeadTrainer.probability(model, rows, onlyWeak));
        double[] b = HeadTrainer.probability(model, rows, bothWrong);
        for (int i = 0; i < a.length; i++) {
            a[i] += beta * b[i];
        }
        return a;
    }

    private static List<float[]> rowsOf(FeatureLayout layout, List<String> texts, Embedder embedder) {
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
