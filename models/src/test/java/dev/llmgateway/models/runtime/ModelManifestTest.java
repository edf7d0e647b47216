package dev.llmgateway.models.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelManifestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A manifest as written before the Chinese encoder: no chineseEncoder, no chineseDimensions. */
    private static final String OLD = """
            {"version":"0.3.0",
             "encoder":{"name":"all-minilm-l6-v2-q","artifact":"a","dimensions":384,
                        "pooling":"mean over attention mask, L2-normalised","maxTokens":32},
             "heads":[{"name":"intent","version":"0.3.0","file":"intent-head.onnx","sha256":"00",
                       "labels":["coding","math"],"positiveLabel":null,
                       "features":{"embedding":true,"lexicalBuckets":8192,"statistics":false,"embeddingPerScript":true},
                       "trainer":"t","trainingData":"d","metrics":null,"routing":null,"demand":null}]}
            """;

    @Test
    void manifestWithoutChineseEncoder_readsAsBefore() throws Exception {
        ModelManifest manifest = JSON.readValue(OLD, ModelManifest.class);
        assertTrue(manifest.chinese().isEmpty());
        assertNull(manifest.chineseEncoder());
        assertEquals(0, manifest.heads().getFirst().features().chineseDimensions());
        assertNull(ModelBundle.chineseEncoder(manifest), "no Chinese encoder: MiniLM embeds every text");
        assertFalse(JSON.writeValueAsString(manifest).contains("chineseEncoder"), "written back unchanged");
    }

    @Test
    void chineseEncoder_roundTrips_andMustMatchEveryHeadsChineseBlock() throws Exception {
        ModelManifest old = JSON.readValue(OLD, ModelManifest.class);
        ModelManifest.Encoder bge = new ModelManifest.Encoder(EncoderModel.BGE_SMALL_ZH.name(), "b", 512,
                EncoderModel.BGE_SMALL_ZH.poolingDescription(), 32);
        ModelManifest.Head head = old.heads().getFirst();
        ModelManifest.Head sized = new ModelManifest.Head(head.name(), head.version(), head.file(), head.sha256(),
                head.labels(), null, head.features().withChineseDimensions(512), head.trainer(), head.trainingData(),
                head.metrics(), null, null);
        ModelManifest manifest = new ModelManifest("0.3.0", old.encoder(), bge, List.of(sized));
        ModelManifest read = JSON.readValue(JSON.writeValueAsString(manifest), ModelManifest.class);
        assertEquals(manifest, read);
        assertEquals(EncoderModel.BGE_SMALL_ZH, ModelBundle.chineseEncoder(read));

        ModelManifest unsized = new ModelManifest("0.3.0", old.encoder(), bge, old.heads());
        assertThrows(ModelMissingException.class, () -> ModelBundle.chineseEncoder(unsized),
                "a 384-d Chinese block can't take bge's 512-d vectors");
        ModelManifest orphan = new ModelManifest("0.3.0", old.encoder(), List.of(sized));
        assertThrows(ModelMissingException.class, () -> ModelBundle.chineseEncoder(orphan),
                "a 512-d Chinese block without a Chinese encoder");
    }

    @Test
    void unknownEncoder_isModelMissing() {
        assertThrows(ModelMissingException.class, () -> EncoderModel.named("no-such-encoder"));
        assertEquals(EncoderModel.MINILM, EncoderModel.named("all-minilm-l6-v2-q"));
    }
}
