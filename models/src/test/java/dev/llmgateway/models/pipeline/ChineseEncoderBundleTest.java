package dev.llmgateway.models.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.llmgateway.models.runtime.Analysis;
import dev.llmgateway.models.runtime.BundleSession;
import dev.llmgateway.models.runtime.EncoderModel;
import dev.llmgateway.models.runtime.EncoderSettings;
import dev.llmgateway.models.runtime.FeatureLayout;
import dev.llmgateway.models.runtime.ModelBundle;
import dev.llmgateway.models.runtime.ModelManifest;
import dev.llmgateway.models.runtime.ModelMissingException;
import dev.llmgateway.models.runtime.RoutingScore;
import dev.llmgateway.models.runtime.Script;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle with and without a Chinese encoder, built from tiny heads trained here on random
 * vectors: which encoder embeds which text, and that the vector lands in a block of its width.
 */
class ChineseEncoderBundleTest {

    private static final String ENGLISH = "Write a Python function that reverses a list.";
    private static final String CHINESE = "请写一个函数，把列表倒过来，并解释它的时间复杂度。";

    @Test
    void withChineseEncoder_mostlyHanText_usesBge_otherTextMiniLm(@TempDir Path dir) {
        write(dir, EncoderModel.BGE_SMALL_ZH);
        try (ModelBundle bundle = ModelBundle.fromDirectory(dir, EncoderSettings.defaults());
             BundleSession session = bundle.newSession()) {
            Analysis zh = session.analyze(CHINESE);
            assertEquals(EncoderModel.BGE_SMALL_ZH.name(), zh.embeddingModel());
            assertEquals(512, zh.embedding().length);
            assertEquals(1.0, norm(zh.embedding()), 1e-4);

            Analysis en = session.analyze(ENGLISH);
            assertEquals(EncoderModel.MINILM.name(), en.embeddingModel());
            assertEquals(384, en.embedding().length);
            assertEquals(1.0, norm(en.embedding()), 1e-4);

            // the same test as the heads' blocks: a Chinese sentence with a few English words stays Chinese
            String mixed = "用 Python 写一个快速排序，并且说明为什么它平均是 n log n 的复杂度。";
            assertTrue(Script.mostlyHan(mixed));
            assertEquals(EncoderModel.BGE_SMALL_ZH.name(), session.analyze(mixed).embeddingModel());
        }
    }

    @Test
    void withoutChineseEncoder_everyTextUsesMiniLm(@TempDir Path dir) {
        write(dir, null);
        try (ModelBundle bundle = ModelBundle.fromDirectory(dir, EncoderSettings.defaults());
             BundleSession session = bundle.newSession()) {
            assertTrue(bundle.manifest().chinese().isEmpty());
            Analysis zh = session.analyze(CHINESE);
            assertEquals(EncoderModel.MINILM.name(), zh.embeddingModel());
            assertEquals(384, zh.embedding().length);
        }
    }

    @Test
    void chineseEncoder_withASharedBlockHead_isRefused(@TempDir Path dir) {
        ModelManifest manifest = write(dir, EncoderModel.BGE_SMALL_ZH);
        List<ModelManifest.Head> heads = new ArrayList<>();
        for (ModelManifest.Head h : manifest.heads()) {
            FeatureLayout shared = new FeatureLayout(true, h.features().lexicalBuckets(), false, false);
            heads.add(new ModelManifest.Head(h.name(), h.version(), h.file(), h.sha256(), h.labels(),
                    h.positiveLabel(), shared, h.trainer(), h.trainingData(), h.metrics(), h.routing(), h.demand()));
        }
        Manifests.write(new ModelManifest(manifest.version(), manifest.encoder(), manifest.chineseEncoder(), heads),
                dir.resolve("manifest.json"));
        assertThrows(ModelMissingException.class, () -> ModelBundle.fromDirectory(dir, EncoderSettings.defaults()));
    }

    @Test
    void forChineseEncoder_sizesTheChineseBlock_andRefusesASharedOne() {
        FeatureLayout perScript = new FeatureLayout(true, 16, true, true);
        assertEquals(perScript, HeadSpecs.forChineseEncoder(perScript, null));
        FeatureLayout sized = HeadSpecs.forChineseEncoder(perScript, EncoderModel.BGE_SMALL_ZH);
        assertEquals(512, sized.chineseDimensions());
        assertEquals(384 + 512 + 16 + perScript.size() - (2 * 384 + 16), sized.size());
        assertThrows(IllegalArgumentException.class,
                () -> HeadSpecs.forChineseEncoder(new FeatureLayout(true, 16, true, false), EncoderModel.BGE_SMALL_ZH));
        FeatureLayout noEmbedding = new FeatureLayout(false, 16, true, false);
        assertEquals(noEmbedding, HeadSpecs.forChineseEncoder(noEmbedding, EncoderModel.BGE_SMALL_ZH));
    }

    /** Intent and complexity heads (per-script layouts) trained on random vectors, and their manifest. */
    private static ModelManifest write(Path dir, EncoderModel chinese) {
        int zhWidth = chinese == null ? 0 : chinese.dimensions();
        FeatureLayout intentLayout = new FeatureLayout(true, 16, false, true, zhWidth);
        FeatureLayout complexityLayout = new FeatureLayout(true, 16, true, true, zhWidth);
        List<String> texts = List.of(ENGLISH, CHINESE, "What is 2 + 2?", "二加二等于几？", "Tell me a story.", "讲一个故事。");
        Random random = new Random(7);
        List<float[]> intentRows = new ArrayList<>();
        List<float[]> complexityRows = new ArrayList<>();
        for (String text : texts) {
            int width = Script.mostlyHan(text) && chinese != null ? chinese.dimensions() : EncoderModel.MINILM.dimensions();
            float[] v = new float[width];
            for (int i = 0; i < width; i++) {
                v[i] = (float) random.nextGaussian();
            }
            intentRows.add(intentLayout.build(text, v));
            complexityRows.add(complexityLayout.build(text, v));
        }
        HeadTrainer.Settings settings = new HeadTrainer.Settings(2, 0.1, 1);
        HeadTrainer.Trained intent = HeadTrainer.train("intent", intentRows,
                List.of("coding", "math", "creative_writing", "coding", "math", "creative_writing"), settings,
                dir.resolve("intent-head.onnx"));
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            outcomes.add(RoutingScore.OUTCOMES.get(i % RoutingScore.OUTCOMES.size()));
        }
        HeadTrainer.Trained complexity = HeadTrainer.train("complexity", complexityRows, outcomes, settings,
                dir.resolve("complexity-head.onnx"));
        List<ModelManifest.Head> heads = List.of(
                head("intent", intent, intentLayout, null),
                head("complexity", complexity, complexityLayout,
                        new RoutingScore(0.25, List.of(-1.0, 0.0, 1.0), 0)));
        ModelManifest.Encoder main = encoder(EncoderModel.MINILM);
        ModelManifest manifest = new ModelManifest("test", main, chinese == null ? null : encoder(chinese), heads);
        Manifests.write(manifest, dir.resolve("manifest.json"));
        return manifest;
    }

    private static ModelManifest.Head head(String name, HeadTrainer.Trained trained, FeatureLayout layout,
                                           RoutingScore routing) {
        return new ModelManifest.Head(name, "test", trained.onnx().getFileName().toString(),
                Manifests.sha256(trained.onnx()), trained.labels(), null, layout, "test", "random vectors",
                NullNode.getInstance(), routing, null);
    }

    private static ModelManifest.Encoder encoder(EncoderModel model) {
        return new ModelManifest.Encoder(model.name(), "test", model.dimensions(), model.poolingDescription(),
                EncoderSettings.DEFAULT_MAX_TOKENS);
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }
}
