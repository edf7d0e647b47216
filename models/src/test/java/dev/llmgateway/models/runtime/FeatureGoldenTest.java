package dev.llmgateway.models.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The heads were trained on exactly these features, so no speed-up may change a single bit of
 * them: every {@link GoldenTexts} text must still build the head inputs recorded in
 * {@code feature-golden.txt} (written by {@link GoldenDump} before the feature code was optimised).
 * The layouts are the ones the file was recorded with, the shipped heads' before the Chinese
 * encoder (intent: per script, 8,192 buckets; complexity: shared block, 1,024 buckets,
 * statistics), which a bundle without a Chinese encoder still uses: the MiniLM-only path must
 * stay bit-identical.
 */
class FeatureGoldenTest {

    /** The layouts the golden file was recorded with. */
    static final FeatureLayout GOLDEN_INTENT = new FeatureLayout(true, 8192, false, true);
    static final FeatureLayout GOLDEN_COMPLEXITY = new FeatureLayout(true, 1024, true, false);

    /** A fixed unit-length vector standing in for the sentence embedding. */
    static float[] standInEmbedding() {
        float[] v = new float[SentenceEncoder.DIMENSIONS];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(0.37 * i + 0.1);
        }
        return Pooling.l2Normalize(v);
    }

    @Test
    void shippedLayouts_buildTheRecordedFeatures() throws IOException {
        List<String> texts = GoldenTexts.all();
        List<String[]> golden = golden();
        assertEquals(texts.size(), golden.size(), "golden file and corpus differ in size");
        FeatureLayout intent = GOLDEN_INTENT;
        FeatureLayout complexity = GOLDEN_COMPLEXITY;
        ModelManifest manifest = manifest();
        assertEquals(intent.lexicalBuckets(), manifest.head(ModelBundle.INTENT).orElseThrow().features().lexicalBuckets());
        assertEquals(complexity.lexicalBuckets(),
                manifest.head(ModelBundle.COMPLEXITY).orElseThrow().features().lexicalBuckets());
        float[] embedding = standInEmbedding();
        for (int i = 0; i < texts.size(); i++) {
            String[] row = golden.get(i);
            assertEquals(row[1], GoldenDump.digest(intent.build(texts.get(i), embedding)), "intent features, text " + i);
            assertEquals(row[2], GoldenDump.digest(complexity.build(texts.get(i), embedding)),
                    "complexity features, text " + i);
        }
    }

    private static ModelManifest manifest() throws IOException {
        try (InputStream in = OfflineDjl.resource(ModelManifest.RESOURCE_DIR + "manifest.json")) {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(in, ModelManifest.class);
        }
    }

    private static List<String[]> golden() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = FeatureGoldenTest.class.getResourceAsStream("feature-golden.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.trim().split(" "));
                }
            }
        }
        return rows;
    }
}
