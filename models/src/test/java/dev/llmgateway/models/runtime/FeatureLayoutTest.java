package dev.llmgateway.models.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FeatureLayoutTest {

    @Test
    void build_embeddingAndLexical_concatenatesInOrder() {
        float[] embedding = new float[SentenceEncoder.DIMENSIONS];
        embedding[0] = 0.5f;
        FeatureLayout layout = new FeatureLayout(true, 64);
        float[] row = layout.build("翻译成英文", embedding);
        assertEquals(SentenceEncoder.DIMENSIONS + 64, row.length);
        assertEquals(0.5f, row[0]);
        double norm = 0;
        for (int i = SentenceEncoder.DIMENSIONS; i < row.length; i++) {
            norm += row[i] * row[i];
        }
        assertEquals(1.0, norm, 1e-5);
    }

    @Test
    void lexical_numbersDifferOnlyInDigits_hashAlike() {
        assertArrayEquals(LexicalFeatures.hashed("what is 3 + 4", 256), LexicalFeatures.hashed("what is 7 + 9", 256));
        assertNotEquals(0f, LexicalFeatures.hashed("what is 3 + 4", 256)[Math.floorMod(LexicalFeatures.fnv1a("s:+"), 256)]);
    }

    @Test
    void lexical_textWithoutTokens_isZeroVector() {
        assertArrayEquals(new float[8], LexicalFeatures.hashed("  ,. ", 8));
    }

    @Test
    void featureLayout_noBlocks_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new FeatureLayout(false, 0));
    }

    @Test
    void build_embeddingPerScript_chineseFillsSecondBlockEnglishFirst() {
        float[] embedding = new float[SentenceEncoder.DIMENSIONS];
        embedding[0] = 0.5f;
        FeatureLayout layout = new FeatureLayout(true, 0, false, true);
        float[] zh = layout.build("请把这段话翻译成英文", embedding);
        float[] en = layout.build("Translate this into French", embedding);
        assertEquals(2 * SentenceEncoder.DIMENSIONS, zh.length);
        assertEquals(0f, zh[0]);
        assertEquals(0.5f, zh[SentenceEncoder.DIMENSIONS]);
        assertEquals(0.5f, en[0]);
        assertEquals(0f, en[SentenceEncoder.DIMENSIONS]);
    }

    @Test
    void build_statistics_comesLastAndGrowsWithLength() {
        FeatureLayout layout = new FeatureLayout(true, 16, true, false);
        float[] embedding = new float[SentenceEncoder.DIMENSIONS];
        float[] shortRow = layout.build("hi", embedding);
        float[] longRow = layout.build("hi ".repeat(500), embedding);
        int first = SentenceEncoder.DIMENSIONS + 16;
        assertEquals(first + PromptStatistics.SIZE, shortRow.length);
        assertTrue(longRow[first] > shortRow[first], "log length feature");
    }

    @Test
    void statistics_multipleChoicePrompt_countsOptions() {
        float[] s = PromptStatistics.of("Which is a prime?\nA. 4\nB. 6\n(C) 7\nD) 9");
        assertEquals(1f, s[PromptStatistics.SIZE - 1]);
        assertEquals(0f, PromptStatistics.of("Tell me a story")[PromptStatistics.SIZE - 1]);
    }

    @Test
    void build_chineseBlockOfItsOwnWidth_placesEachVectorInItsBlock() {
        FeatureLayout layout = new FeatureLayout(true, 8, true, true, 512);
        assertEquals(384 + 512 + 8 + PromptStatistics.SIZE, layout.size());
        assertEquals(512, layout.chineseBlockWidth());
        float[] zhVector = new float[512];
        zhVector[0] = 0.25f;
        zhVector[511] = 0.75f;
        float[] zh = layout.build("请把这段话翻译成英文。", zhVector);
        assertEquals(layout.size(), zh.length);
        assertEquals(0.25f, zh[384]);
        assertEquals(0.75f, zh[384 + 511]);
        for (int i = 0; i < 384; i++) {
            assertEquals(0f, zh[i], "the English block stays empty");
        }
        float[] enVector = new float[384];
        enVector[383] = 0.5f;
        float[] en = layout.build("Translate this into French.", enVector);
        assertEquals(0.5f, en[383]);
        for (int i = 384; i < 384 + 512; i++) {
            assertEquals(0f, en[i], "the Chinese block stays empty");
        }
    }

    @Test
    void build_vectorOfTheWrongWidth_isRefused() {
        FeatureLayout perScript = new FeatureLayout(true, 8, false, true, 512);
        assertThrows(IllegalArgumentException.class, () -> perScript.build("请翻译", new float[384]));
        assertThrows(IllegalArgumentException.class, () -> perScript.build("Translate", new float[512]));
        FeatureLayout shared = new FeatureLayout(true, 8, true, false);
        assertThrows(IllegalArgumentException.class, () -> shared.build("请翻译", new float[512]),
                "a 512-d vector never lands in a 384-d block");
    }

    @Test
    void chineseDimensions_needsPerScriptBlocks_andDefaultsToTheMainWidth() {
        assertThrows(IllegalArgumentException.class, () -> new FeatureLayout(true, 8, false, false, 512));
        assertThrows(IllegalArgumentException.class, () -> new FeatureLayout(true, 8, false, true, -1));
        FeatureLayout old = new FeatureLayout(true, 8, false, true);
        assertEquals(0, old.chineseDimensions());
        assertEquals(2 * 384 + 8, old.size());
        assertEquals(new FeatureLayout(true, 8, false, true, 512), old.withChineseDimensions(512));
    }

    @Test
    void json_withoutChineseDimensions_readsAsTheOldLayout() throws Exception {
        FeatureLayout read = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                "{\"embedding\":true,\"lexicalBuckets\":8192,\"statistics\":false,\"embeddingPerScript\":true}",
                FeatureLayout.class);
        assertEquals(new FeatureLayout(true, 8192, false, true), read);
    }
}
