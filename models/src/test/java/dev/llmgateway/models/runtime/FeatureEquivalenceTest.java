package dev.llmgateway.models.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The optimised feature code (hashing in place, hashes shared between layouts, no regex) against
 * {@link ReferenceFeatures}, the code the heads were trained with: equal bit for bit.
 */
class FeatureEquivalenceTest {

    private static final String ALPHABET = " \t\n\r\u000B\f\u0001\u00A0\u2003\u3000.,;:!?？。'\"()[]{}<>=+-*/^%#$&|_~`\\@"
            + "aZqXé0179１٣ⅫİΣσςß中文字翻译总结かカ한Жµ\u0301\u200D\uFEFF";

    static List<String> texts() {
        List<String> texts = new ArrayList<>(GoldenTexts.all());
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 1_500; i++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(i % 10 == 0 ? 9_000 : 300);
            while (sb.length() < length) {
                int pick = random.nextInt(ALPHABET.length() + 4);
                if (pick == ALPHABET.length()) {
                    sb.append("\uD83D\uDE00");
                } else if (pick == ALPHABET.length() + 1) {
                    sb.append("\uD840\uDC00"); // Han, outside the BMP
                } else if (pick == ALPHABET.length() + 2) {
                    sb.append("\uD835\uDFCE"); // a digit outside the BMP
                } else if (pick == ALPHABET.length() + 3) {
                    sb.append(random.nextBoolean() ? "\uD800" : "\uDC00"); // a lone surrogate
                } else {
                    sb.append(ALPHABET.charAt(pick));
                }
            }
            texts.add(sb.toString());
        }
        return texts;
    }

    @Test
    void build_sameAsReference_forManyLayoutsAndTexts() {
        FeatureLayout[] layouts = {
            new FeatureLayout(true, 8192, false, true), // the intent head
            new FeatureLayout(true, 1024, true, false), // the complexity head
            new FeatureLayout(true, 64),
            new FeatureLayout(false, 7, true, false),
            new FeatureLayout(false, 0, true, false),
        };
        float[] embedding = FeatureGoldenTest.standInEmbedding();
        for (String text : texts()) {
            FeatureText shared = FeatureText.of(text);
            for (FeatureLayout layout : layouts) {
                float[] expected = ReferenceFeatures.build(layout, text, embedding);
                assertArrayEquals(expected, layout.build(text, embedding), () -> layout + " on " + text);
                assertArrayEquals(expected, layout.build(shared, embedding), () -> layout + " shared, on " + text);
            }
            assertArrayEquals(ReferenceFeatures.hashed(text, 100), LexicalFeatures.hashed(text, 100));
            assertArrayEquals(ReferenceFeatures.statistics(text), PromptStatistics.of(text));
            assertEquals(ReferenceFeatures.mostlyHan(text), Script.mostlyHan(text));
        }
    }

    @Test
    void words_countsWhatTheRegexSplitCounted() {
        for (String text : List.of("", " ", "\u0001", " \u0001 ", "\u2003", "a", " a  b\u000Bc\fd\re\n", "a\u00A0b", "\u0001a")) {
            assertEquals(text.isBlank() ? 0 : text.trim().split("\\s+").length, PromptStatistics.words(text), text);
        }
    }

    @Test
    void options_countsWhatSplittingAndStrippingCounted() {
        assertEquals(4, PromptStatistics.options("Which?\n A. 4\r\n\u2003B) 6 \n(C) 7\nD:9\n(E\n I. x"));
        assertEquals(0, PromptStatistics.options("(A\nA\n\n"));
    }

    @Test
    void isHan_noHanCodePointBelowTheFastPathBound() {
        for (int cp = 0; cp < LexicalFeatures.FIRST_HAN; cp++) {
            assertEquals(Character.UnicodeScript.HAN == Character.UnicodeScript.of(cp), false, "U+" + Integer.toHexString(cp));
        }
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (LexicalFeatures.isHan(cp) != (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)) {
                throw new AssertionError("U+" + Integer.toHexString(cp));
            }
        }
    }
}
