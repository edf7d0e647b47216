package dev.llmgateway.models.pipeline;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.llmgateway.models.runtime.FeatureLayout;
import dev.llmgateway.models.runtime.ModelBundle;
import dev.llmgateway.models.runtime.ModelManifest;
import dev.llmgateway.models.runtime.RoutingScore;
import dev.llmgateway.models.runtime.SentenceEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Trains both heads and writes them, with a manifest, into the module's resources. */
final class Training {

    static final String INTENT_FILE = "intent-head.onnx";
    static final String COMPLEXITY_FILE = "complexity-head.onnx";

    private Training() {
    }

    static ModelManifest run(DataSets data, Embedder embedder, Path outDir, String encoderArtifact) {
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Sample> intent = data.intentTraining();
        System.out.printf("intent: %d project-written examples%n", intent.size());
        ModelManifest.Head intentHead = trainHead(ModelBundle.INTENT, intent, HeadSpecs.INTENT_FEATURES,
                HeadSpecs.INTENT_TRAINING, embedder, outDir.resolve(INTENT_FILE), null,
                "models/training/intent-train.jsonl: " + intent.size()
                        + " English and Chinese prompts written by the project (14 classes)", null);

        List<Sample> mmlu = data.mmlu().train().stream().map(DataSets.RoutedPrompt::asOutcomeSample).toList();
        System.out.printf("complexity: %d RouteLLM MMLU prompts (80%% split, seed %d)%n", mmlu.size(), DataSets.SPLIT_SEED);
        ModelManifest.Head complexityHead = trainHead(ModelBundle.COMPLEXITY, mmlu, HeadSpecs.COMPLEXITY_FEATURES,
                HeadSpecs.COMPLEXITY_TRAINING, embedder, outDir.resolve(COMPLEXITY_FILE), null,
                "RouteLLM MMLU dev set (lm-sys/RouteLLM, Apache-2.0; MMLU MIT), contaminated rows dropped, "
                        + "80% split with seed " + DataSets.SPLIT_SEED + "; label = joint outcome of "
                        + DataSets.STRONG + " (strong) and " + DataSets.WEAK_MMLU + " (weak): "
                        + String.join(", ", RoutingScore.OUTCOMES) + "; difficulty quantiles over the same prompts",
                HeadSpecs.COMPLEXITY_PARTIAL_CREDIT);

        ModelManifest manifest = new ModelManifest(HeadSpecs.VERSION,
                new ModelManifest.Encoder(SentenceEncoder.MODEL_NAME, encoderArtifact, SentenceEncoder.DIMENSIONS,
                        "mean over attention mask, L2-normalised", embedder.settings().maxTokens()),
                List.of(intentHead, complexityHead));
        Manifests.write(manifest, outDir.resolve("manifest.json"));
        return manifest;
    }

    private static ModelManifest.Head trainHead(String name, List<Sample> samples, FeatureLayout layout,
                                                HeadTrainer.Settings settings, Embedder embedder, Path onnx,
                                                String positiveLabel, String trainingData,
                                                Double partialCredit) {
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
        String trainer = String.format("Tribuo %s LinearSGDTrainer(LogMulticlass, AdaGrad lr=%s, epochs=%d, "
                        + "minibatch=%d, seed=%d), exported with saveONNXModel",
                org.tribuo.Tribuo.VERSION, settings.learningRate(), settings.epochs(), settings.minibatch(),
                HeadTrainer.SEED);
        RoutingScore routing = partialCredit == null ? null : routingScore(trained, rows, partialCredit);
        return new ModelManifest.Head(name, HeadSpecs.VERSION, onnx.getFileName().toString(),
                Manifests.sha256(onnx), trained.labels(), positiveLabel, layout, trainer, trainingData,
                NullNode.getInstance(), routing);
    }

    /** The gain of every training prompt under the trained head, summarised as percentiles. */
    private static RoutingScore routingScore(HeadTrainer.Trained trained, List<float[]> rows, double partialCredit) {
        int[] columns = RoutingScore.columns(trained.labels());
        RoutingScore provisional = new RoutingScore(partialCredit, List.of(0.0, 1.0));
        List<double[]> p = new ArrayList<>();
        for (String label : trained.labels()) {
            p.add(HeadTrainer.probability(trained.model(), rows, label));
        }
        double[] gains = new double[rows.size()];
        float[] row = new float[trained.labels().size()];
        for (int i = 0; i < gains.length; i++) {
            for (int c = 0; c < row.length; c++) {
                row[c] = (float) p.get(c)[i];
            }
            gains[i] = provisional.gain(row, columns);
        }
        return new RoutingScore(partialCredit, RoutingScore.percentiles(gains));
    }
}
