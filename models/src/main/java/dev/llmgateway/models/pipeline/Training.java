package dev.llmgateway.models.pipeline;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.llmgateway.models.runtime.FeatureLayout;
import dev.llmgateway.models.runtime.ModelBundle;
import dev.llmgateway.models.runtime.ModelManifest;
import dev.llmgateway.models.runtime.RoutingScore;
import dev.llmgateway.models.runtime.TaskDemand;
import dev.llmgateway.models.runtime.EncoderModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Trains the heads and writes them, with a manifest, into the module's resources. */
final class Training {

    static final String INTENT_FILE = "intent-head.onnx";
    static final String COMPLEXITY_FILE = "complexity-head.onnx";
    static final String TASK_FILE = "task-head.onnx";

    private Training() {
    }

    /** {@code chineseArtifact}: the Maven coordinates of the embedder's Chinese encoder, if it has one. */
    static ModelManifest run(DataSets data, Embedder embedder, Path outDir, String encoderArtifact,
                             String chineseArtifact) {
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Sample> intent = data.intentTraining();
        System.out.printf("intent: %d project-written examples%n", intent.size());
        ModelManifest.Head intentHead = fit(ModelBundle.INTENT, intent, HeadSpecs.INTENT_FEATURES,
                HeadSpecs.INTENT_TRAINING, embedder, outDir.resolve(INTENT_FILE)).head(null,
                "models/training/intent-train.jsonl: " + intent.size()
                        + " English and Chinese prompts written by the project (14 classes)", null, null);

        List<Sample> mmlu = data.mmlu().train().stream().map(DataSets.RoutedPrompt::asOutcomeSample).toList();
        System.out.printf("complexity: %d RouteLLM MMLU prompts (80%% split, seed %d)%n", mmlu.size(), DataSets.SPLIT_SEED);
        Fitted complexity = fit(ModelBundle.COMPLEXITY, mmlu, HeadSpecs.COMPLEXITY_FEATURES,
                HeadSpecs.COMPLEXITY_TRAINING, embedder, outDir.resolve(COMPLEXITY_FILE));
        List<Sample> tasks = data.difficultyTraining();
        double demandWeight = tasks.isEmpty() ? 0 : HeadSpecs.DEMAND_WEIGHT;
        ModelManifest.Head complexityHead = complexity.head(null,
                "RouteLLM MMLU dev set (lm-sys/RouteLLM, Apache-2.0; MMLU MIT), contaminated rows dropped, "
                        + "80% split with seed " + DataSets.SPLIT_SEED + "; label = joint outcome of "
                        + DataSets.STRONG + " (strong) and " + DataSets.WEAK_MMLU + " (weak): "
                        + String.join(", ", RoutingScore.OUTCOMES) + "; gain quantiles over the same prompts",
                routingScore(complexity, HeadSpecs.COMPLEXITY_PARTIAL_CREDIT, demandWeight), null);
        List<ModelManifest.Head> heads = new ArrayList<>(List.of(intentHead, complexityHead));
        if (!tasks.isEmpty()) {
            System.out.printf("task: %d project-written prompts with a demand level%n", tasks.size());
            Fitted task = fit(ModelBundle.TASK, tasks, HeadSpecs.TASK_FEATURES, HeadSpecs.TASK_TRAINING, embedder,
                    outDir.resolve(TASK_FILE));
            heads.add(task.head(null, "models/training/difficulty-train.jsonl: " + tasks.size()
                    + " English and Chinese prompts written by the project, each with the level of model it needs "
                    + "(light, moderate, demanding) as the project judged it; demand quantiles over the same prompts",
                    null, taskDemand(task)));
        }

        EncoderModel main = EncoderModel.MINILM;
        EncoderModel chinese = embedder.chineseModel();
        ModelManifest manifest = new ModelManifest(HeadSpecs.VERSION,
                new ModelManifest.Encoder(main.name(), encoderArtifact, main.dimensions(),
                        main.poolingDescription(), embedder.settings().maxTokens()),
                chinese == null ? null : new ModelManifest.Encoder(chinese.name(), chineseArtifact,
                        chinese.dimensions(), chinese.poolingDescription(), embedder.settings().maxTokens()),
                heads);
        Manifests.write(manifest, outDir.resolve("manifest.json"));
        return manifest;
    }

    /** A trained head with the rows it was trained on. */
    private record Fitted(String name, FeatureLayout layout, HeadTrainer.Settings settings, Path onnx,
                          HeadTrainer.Trained trained, List<float[]> rows) {

        ModelManifest.Head head(String positiveLabel, String trainingData, RoutingScore routing, TaskDemand demand) {
            String trainer = String.format("Tribuo %s LinearSGDTrainer(LogMulticlass, AdaGrad lr=%s, epochs=%d, "
                            + "minibatch=%d, seed=%d), exported with saveONNXModel",
                    org.tribuo.Tribuo.VERSION, settings.learningRate(), settings.epochs(), settings.minibatch(),
                    HeadTrainer.SEED);
            return new ModelManifest.Head(name, HeadSpecs.VERSION, onnx.getFileName().toString(),
                    Manifests.sha256(onnx), trained.labels(), positiveLabel, layout, trainer, trainingData,
                    NullNode.getInstance(), routing, demand);
        }

        /** The head's output for every training row, one array of label probabilities per row. */
        List<float[]> outputs() {
            List<double[]> columns = new ArrayList<>();
            for (String label : trained.labels()) {
                columns.add(HeadTrainer.probability(trained.model(), rows, label));
            }
            List<float[]> out = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                float[] row = new float[columns.size()];
                for (int c = 0; c < row.length; c++) {
                    row[c] = (float) columns.get(c)[i];
                }
                out.add(row);
            }
            return out;
        }
    }

    /** Every row is built from the vector of the encoder its text's script picks (see {@link Embedder}). */
    private static Fitted fit(String name, List<Sample> samples, FeatureLayout baseLayout,
                              HeadTrainer.Settings settings, Embedder embedder, Path onnx) {
        FeatureLayout layout = HeadSpecs.forChineseEncoder(baseLayout, embedder.chineseModel());
        List<String> texts = samples.stream().map(Sample::text).toList();
        List<float[]> embeddings = embedder.embed(texts);
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(layout.build(texts.get(i), embeddings.get(i)));
        }
        List<String> labels = samples.stream().map(Sample::label).toList();
        long start = System.nanoTime();
        HeadTrainer.Trained trained = HeadTrainer.train(name, rows, labels, settings, onnx);
        System.out.printf("%s head trained in %.1f s, labels %s%n", name, (System.nanoTime() - start) / 1e9,
                trained.labels());
        return new Fitted(name, layout, settings, onnx, trained, rows);
    }

    /** The gain of every training prompt under the trained head, summarised as percentiles. */
    private static RoutingScore routingScore(Fitted head, double partialCredit, double demandWeight) {
        int[] columns = RoutingScore.columns(head.trained().labels());
        RoutingScore provisional = new RoutingScore(partialCredit, List.of(0.0, 1.0), demandWeight);
        double[] gains = head.outputs().stream().mapToDouble(p -> provisional.gain(p, columns)).toArray();
        return new RoutingScore(partialCredit, RoutingScore.percentiles(gains), demandWeight);
    }

    /** The expected level of every training prompt under the trained task head, as percentiles. */
    private static TaskDemand taskDemand(Fitted head) {
        int[] columns = TaskDemand.columns(head.trained().labels());
        return new TaskDemand(TaskDemand.percentiles(
                head.outputs().stream().mapToDouble(p -> TaskDemand.expected(p, columns)).toArray()));
    }
}
