package dev.llmgateway.models.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {

    @Test
    void fromClasspath_shippedModels_loadAndAnalyze() {
        try (ModelBundle bundle = ModelBundle.fromClasspath(EncoderSettings.defaults());
             BundleSession session = bundle.newSession()) {
            Analysis a = session.analyze("Translate 'good morning' into French.");
            assertEquals(bundle.manifest().head(ModelBundle.INTENT).orElseThrow().labels().size(),
                    a.intentProbabilities().length);
            assertEquals("translation", a.intentLabels().get(a.topIntent()));
            assertTrue(a.complexity() >= 0 && a.complexity() <= 1);
            assertTrue(a.difficulty() >= 0 && a.difficulty() <= 1);
            assertTrue(a.strongGain() >= -1 && a.strongGain() <= 1);
        }
    }

    @Test
    void fromClasspath_shippedModels_embedChineseWithTheManifestsChineseEncoder() {
        try (ModelBundle bundle = ModelBundle.fromClasspath(EncoderSettings.defaults());
             BundleSession session = bundle.newSession()) {
            String expected = bundle.manifest().chinese().map(ModelManifest.Encoder::name)
                    .orElse(EncoderModel.MINILM.name());
            Analysis zh = session.analyze("请把下面这段话翻译成英文：今天天气很好。");
            assertEquals(expected, zh.embeddingModel());
            assertEquals(EncoderModel.named(expected).dimensions(), zh.embedding().length);
            assertEquals("translation", zh.intentLabels().get(zh.topIntent()));
            Analysis en = session.analyze("Translate 'good morning' into French.");
            assertEquals(EncoderModel.MINILM.name(), en.embeddingModel());
            assertEquals(384, en.embedding().length);
        }
    }

    @Test
    void fromDirectory_tamperedHead_isRejected(@TempDir Path dir) throws IOException {
        for (String name : new String[] {"manifest.json", "intent-head.onnx", "complexity-head.onnx", "task-head.onnx"}) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(ModelManifest.RESOURCE_DIR + name)) {
                Files.write(dir.resolve(name), in.readAllBytes());
            }
        }
        byte[] onnx = Files.readAllBytes(dir.resolve("intent-head.onnx"));
        onnx[onnx.length - 1] ^= 1;
        Files.write(dir.resolve("intent-head.onnx"), onnx);
        assertThrows(ModelMissingException.class, () -> ModelBundle.fromDirectory(dir, EncoderSettings.defaults()));
    }

    @Test
    void fromDirectory_untouchedCopy_loads(@TempDir Path dir) throws IOException {
        for (String name : new String[] {"manifest.json", "intent-head.onnx", "complexity-head.onnx", "task-head.onnx"}) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(ModelManifest.RESOURCE_DIR + name)) {
                Files.write(dir.resolve(name), in.readAllBytes());
            }
        }
        try (ModelBundle bundle = ModelBundle.fromDirectory(dir, EncoderSettings.defaults());
             BundleSession session = bundle.newSession()) {
            Analysis a = session.analyze("Hi there!");
            assertTrue(a.demand() >= 0 && a.demand() <= 1, "the task head ran: " + a.demand());
        }
    }

    @Test
    void fromDirectory_missingFiles_isModelMissing(@TempDir Path dir) {
        assertThrows(ModelMissingException.class, () -> ModelBundle.fromDirectory(dir, EncoderSettings.defaults()));
    }
}
