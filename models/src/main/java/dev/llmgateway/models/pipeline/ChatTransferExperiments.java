package dev.llmgateway.models.pipeline;

import dev.llmgateway.models.runtime.FeatureLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.classification.Label;

/**
 * The experiments on whether routing scores carry over to chat prompts ({@code -Dexperiment=transfer})
 * and on the task head and its blend with the complexity head ({@code -Dexperiment=demand}). Like
 * {@link Experiments}, it ships nothing.
 */
final class ChatTransferExperiments {

    private ChatTransferExperiments() {
    }

    /**
     * {@code -Dexperiment=transfer}: does the joint-outcome head carry over from MMLU's
     * multiple-choice prompts to chat prompts? For each feature layout, with and without training
     * copies of the MMLU prompts stripped of their options ({@link #withoutOptions}), prints 5-fold
     * CV APGR on the training split, held-out APGR, and the Spearman correlation of the gain with
     * WizardLM's human difficulty rating (evaluation only: measured, never trained on).
     */
    static void transfer(DataSets data, Embedder embedder) {
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
                List<float[]> x = Experiments.rowsOf(layout, texts, embedder);
                var trainer = HeadTrainer.linear(new HeadTrainer.Settings(10, 0.03, 8));
                var model = HeadTrainer.fit("complexity", x, y, trainer);
                double[] h = gain(model, Experiments.rowsOf(layout, Experiments.texts(held), embedder), beta);
                double[] w = gain(model, Experiments.rowsOf(layout, wizard.stream().map(DataSets.WizardRow::text).toList(), embedder), beta);
                double rho = RankCorrelation.spearman(w, wizard.stream().mapToDouble(DataSets.WizardRow::difficulty).toArray());
                double[] probe = gain(model, Experiments.rowsOf(layout, List.of("Let G be a finite group and H a normal subgroup of "
                        + "prime index p. Prove that every element of order p^k ... which of the following statements is true?",
                        "Which color do you get by mixing blue and yellow?", "Hi! How are you?",
                        "Write a Python function that returns the n-th Fibonacci number using memoisation."), embedder), beta);
                System.out.printf("EXP transfer %s augment=%s held APGR %.3f | wizard spearman %.3f | probe hard %.3f "
                                + "colour %.3f hi %.3f fib %.3f [%.0f s]%n", layout, augment, Experiments.curve(h, held).apgr(), rho,
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
    static void demand(DataSets data, Embedder embedder) {
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
            List<float[]> x = Experiments.rowsOf(layout.getValue(), tasks.stream().map(Sample::text).toList(), embedder);
            for (double lr : new double[] {0.1, 0.5}) {
                double[] oof = new double[x.size()];
                int right = 0;
                for (int f = 0; f < folds; f++) {
                    Experiments.Fold fold = Experiments.Fold.of(x, levels, folds, f);
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
        var task = HeadTrainer.fit("task", Experiments.rowsOf(taskLayout, tasks.stream().map(Sample::text).toList(), embedder),
                levels, HeadTrainer.linear(HeadSpecs.TASK_TRAINING));
        double[] demandTrain = expectedLevel(task, Experiments.rowsOf(taskLayout, tasks.stream().map(Sample::text).toList(), embedder));
        DataSets.MmluSplit mmlu = data.mmlu();
        FeatureLayout cLayout = HeadSpecs.COMPLEXITY_FEATURES;
        List<float[]> cx = Experiments.rowsOf(cLayout, Experiments.texts(mmlu.train()), embedder);
        var complexity = HeadTrainer.fit("complexity", cx, mmlu.train().stream().map(r -> dev.llmgateway.models.runtime
                .RoutingScore.outcome(r.strongCorrect(), r.weakCorrect())).toList(), HeadTrainer.linear(HeadSpecs.COMPLEXITY_TRAINING));
        double beta = HeadSpecs.COMPLEXITY_PARTIAL_CREDIT;
        List<Double> gainScale = dev.llmgateway.models.runtime.RoutingScore.percentiles(gain(complexity, cx, beta));
        List<Double> demandScale = dev.llmgateway.models.runtime.TaskDemand.percentiles(demandTrain);
        List<DataSets.WizardRow> wizard = data.wizardDifficulty();
        List<String> wizardTexts = wizard.stream().map(DataSets.WizardRow::text).toList();
        double[] rated = wizard.stream().mapToDouble(DataSets.WizardRow::difficulty).toArray();
        double[] heldGain = percentile(gainScale, gain(complexity, Experiments.rowsOf(cLayout, Experiments.texts(mmlu.heldOut()), embedder), beta));
        double[] heldDemand = percentile(demandScale, expectedLevel(task, Experiments.rowsOf(taskLayout, Experiments.texts(mmlu.heldOut()), embedder)));
        double[] wizGain = percentile(gainScale, gain(complexity, Experiments.rowsOf(cLayout, wizardTexts, embedder), beta));
        double[] wizDemand = percentile(demandScale, expectedLevel(task, Experiments.rowsOf(taskLayout, wizardTexts, embedder)));
        for (double w : new double[] {0, 0.25, 0.5, 0.75, 1}) {
            double[] h = blend(heldGain, heldDemand, w);
            double[] z = blend(wizGain, wizDemand, w);
            System.out.printf("EXP demand blend w=%.2f held-out MMLU APGR %.3f | wizard spearman %.3f%n", w,
                    Experiments.curve(h, mmlu.heldOut()).apgr(), RankCorrelation.spearman(z, rated));
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
        return Experiments.gain(model, rows, beta, "only_strong_right", "only_weak_right", "both_wrong");
    }
}
