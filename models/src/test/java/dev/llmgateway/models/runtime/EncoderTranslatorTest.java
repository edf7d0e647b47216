package dev.llmgateway.models.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The encoder must see exactly the tokens it saw before the prefix tokenisation: the tokenizer's
 * own truncation over the first {@code 16 × maxTokens} characters is the reference. Checked for
 * both encoders' tokenizers (MiniLM lower-cases and strips accents, bge-small-zh does neither).
 */
class EncoderTranslatorTest {

    private static final int[] MAX_TOKENS = {8, 64, 128, 256};

    private static HuggingFaceTokenizer tokenizer(String resource, Map<String, String> options) throws IOException {
        try (InputStream in = OfflineDjl.resource(resource)) {
            return HuggingFaceTokenizer.newInstance(in, options);
        }
    }

    @Test
    void tokenIds_sameAsTruncatingTheCharacterBoundedText() throws IOException {
        check(EncoderModel.MINILM.tokenizerResource());
    }

    @Test
    void tokenIds_bgeTokenizer_sameAsTruncatingTheCharacterBoundedText() throws IOException {
        check(EncoderModel.BGE_SMALL_ZH.tokenizerResource());
    }

    private static void check(String resource) throws IOException {
        try (HuggingFaceTokenizer plain = tokenizer(resource, Map.of("truncation", "false", "padding", "false"))) {
            for (int m = 0; m < MAX_TOKENS.length; m++) {
                try (HuggingFaceTokenizer truncating = tokenizer(resource, Map.of("maxLength",
                        Integer.toString(MAX_TOKENS[m]), "truncation", "true", "padding", "false"))) {
                    check(plain, truncating, m);
                }
            }
        }
    }

    private static void check(HuggingFaceTokenizer plain, HuggingFaceTokenizer truncating, int m) {
        List<String> texts = new ArrayList<>(GoldenTexts.all());
        texts.addAll(List.of(
                "[MASK] ".repeat(200), "a[SEP]b ".repeat(100), "[[CLS]] x ".repeat(100), "don't stop ".repeat(100),
                "naïve café ".repeat(100), "a\u0301 \u0301 ".repeat(300), "x\u0001y\u200Dz ".repeat(150),
                "中文测试".repeat(300), "ab中cd ".repeat(200), "ΣΑΣ ".repeat(200), "İİ ".repeat(300),
                "\uD840\uDC00 ".repeat(300), "... ".repeat(200), "#### ".repeat(100), "x".repeat(200) + " y".repeat(300)));
        SplittableRandom random = new SplittableRandom(7);
        String alphabet = " \t\n\r.,;:'\"[]()#-_aZ09éü中文字\u0301\u0001\u200D\u00A0\u3000Σİ";
        for (int i = 0; i < 400; i++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(3_000);
            for (int j = 0; j < length; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add(sb.toString());
        }
        int prefixUsed = 0;
        EncoderTranslator translator = new EncoderTranslator(plain, MAX_TOKENS[m]);
        int maxChars = MAX_TOKENS[m] * EncoderTranslator.CHARS_PER_TOKEN_BOUND;
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            long[] expected = truncating.encode(EncoderTranslator.clip(text, maxChars)).getIds();
            assertArrayEquals(expected, translator.tokenIds(text), "maxTokens " + MAX_TOKENS[m] + ", text " + i);
            prefixUsed += EncoderTranslator.prefixWithPieces(EncoderTranslator.clip(text, maxChars),
                    MAX_TOKENS[m] - 2) > 0 ? 1 : 0;
        }
        assertTrue(prefixUsed > texts.size() / 4, "the prefix path was exercised " + prefixUsed + " times");
    }

    @Test
    void prefixWithPieces_countsWordsPunctuationAndIdeographs() {
        assertEquals(13, EncoderTranslator.prefixWithPieces("one two three four", 3), "cut at the space after three");
        assertEquals(-1, EncoderTranslator.prefixWithPieces("one two", 3));
        assertEquals(2, EncoderTranslator.prefixWithPieces("中文字", 2));
        assertEquals(-1, EncoderTranslator.prefixWithPieces("[MASK][MASK]", 2), "brackets count nothing");
        assertEquals(-1, EncoderTranslator.prefixWithPieces("éééé éééé éééé", 1), "non-ASCII words count nothing");
    }
}
