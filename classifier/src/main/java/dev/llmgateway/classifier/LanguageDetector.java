package dev.llmgateway.classifier;

import java.util.Locale;
import java.util.Set;

/**
 * Script-based language guess, no model: Chinese when Han characters carry at least as much of the
 * text as Latin words do, English when Latin script dominates and English function words occur,
 * otherwise {@link Language#OTHER}. Japanese (kana) and Korean (Hangul) are OTHER even though they
 * may contain Han characters.
 *
 * <p>A Han character is weighed against about four Latin letters (one short word), and the opening
 * is decisive when it is Chinese: "将以下英文翻译成中文：<long English text>" is a Chinese request
 * whatever it quotes, and so is a Chinese question about pasted code.
 */
public final class LanguageDetector {

    static final int MAX_CODE_POINTS = 2_000;
    static final int OPENING_LETTERS = 40;
    private static final double LETTERS_PER_HAN = 4.0;
    private static final Set<String> ENGLISH_WORDS = Set.of(
            "the", "a", "an", "of", "to", "in", "is", "are", "and", "or", "for", "you", "your", "what",
            "how", "why", "that", "this", "it", "with", "on", "be", "i", "me", "my", "can", "please",
            "write", "do", "does", "if", "from", "as", "by", "at", "which", "who", "give", "make");

    private LanguageDetector() {
    }

    public static Language detect(String text) {
        int han = 0;
        int kana = 0;
        int hangul = 0;
        int latin = 0;
        int otherLetters = 0;
        int seen = 0;
        int openingHan = -1;
        for (int i = 0; i < text.length() && seen < MAX_CODE_POINTS; seen++) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) {
                continue;
            }
            if (han + kana + hangul + latin + otherLetters == OPENING_LETTERS) {
                openingHan = han;
            }
            switch (Character.UnicodeScript.of(cp)) {
                case HAN -> han++;
                case HIRAGANA, KATAKANA -> kana++;
                case HANGUL -> hangul++;
                case LATIN -> latin++;
                default -> otherLetters++;
            }
        }
        double latinWords = latin / LETTERS_PER_HAN;
        if (kana > 0 && kana * 10 >= han) {
            return Language.OTHER;
        }
        boolean chineseOpening = openingHan >= 8 && openingHan * LETTERS_PER_HAN >= OPENING_LETTERS - openingHan;
        if (han > 0 && (chineseOpening || han >= latinWords) && han >= hangul + otherLetters) {
            return Language.ZH;
        }
        if (latin > 0 && latin >= hangul + otherLetters + han && looksEnglish(text)) {
            return Language.EN;
        }
        return Language.OTHER;
    }

    /** Short Latin texts ("ok", "SELECT 1") are taken as English; longer ones need English function words. */
    private static boolean looksEnglish(String text) {
        String[] words = text.substring(0, Math.min(text.length(), 4_000)).toLowerCase(Locale.ROOT)
                .split("[^\\p{L}']+");
        int total = 0;
        int english = 0;
        for (String w : words) {
            if (w.isEmpty()) {
                continue;
            }
            total++;
            english += ENGLISH_WORDS.contains(w) ? 1 : 0;
        }
        return total < 6 || english * 20 >= total;
    }
}
