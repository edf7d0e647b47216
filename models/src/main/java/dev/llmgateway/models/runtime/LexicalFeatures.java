package dev.llmgateway.models.runtime;

import java.util.Locale;

/**
 * Hashed bag of words, word pairs and Chinese character uni/bigrams. The sentence encoder is an
 * English model that sees Chinese mostly as single characters, so cue words such as 翻译, 总结 or
 * 改写 would otherwise be lost; this vector gives the heads those cues in both languages.
 *
 * <p>Digits are folded to {@code 0} so that "3 + 4" and "17 + 25" look alike. Only the start and
 * end of long texts are read: the instruction is almost always at one of the two ends, and it
 * bounds the work.
 */
public final class LexicalFeatures {

    static final int HEAD_CHARS = 1_500;
    static final int TAIL_CHARS = 500;
    private static final String SYMBOLS = "=+-*/^<>{}()[];#$%&|_~`\\@!?:";

    private LexicalFeatures() {
    }

    /** A unit-length vector of {@code buckets} log-scaled counts (all zeros for text without tokens). */
    public static float[] hashed(String text, int buckets) {
        float[] counts = new float[buckets];
        String s = clip(text).toLowerCase(Locale.ROOT);
        String previousWord = null;
        int previousHan = -1;
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp) && !isHan(cp)) {
                word.appendCodePoint(Character.isDigit(cp) ? '0' : cp);
                continue;
            }
            if (!word.isEmpty()) {
                previousWord = addWord(counts, word.toString(), previousWord);
                word.setLength(0);
            }
            if (isHan(cp)) {
                add(counts, "h:" + Character.toString(cp));
                if (previousHan >= 0) {
                    add(counts, "hh:" + Character.toString(previousHan) + Character.toString(cp));
                }
                previousHan = cp;
                continue;
            }
            previousHan = -1;
            if (SYMBOLS.indexOf(cp) >= 0) {
                add(counts, "s:" + Character.toString(cp));
            } else if (!Character.isWhitespace(cp)) {
                previousWord = null; // other punctuation ends a phrase
            }
        }
        if (!word.isEmpty()) {
            addWord(counts, word.toString(), previousWord);
        }
        for (int b = 0; b < buckets; b++) {
            if (counts[b] != 0) { // most of the buckets are empty
                counts[b] = (float) Math.log1p(counts[b]);
            }
        }
        return Pooling.l2Normalize(counts);
    }

    private static String addWord(float[] counts, String word, String previous) {
        add(counts, "w:" + word);
        if (previous != null) {
            add(counts, "ww:" + previous + ' ' + word);
        }
        return word;
    }

    private static void add(float[] counts, String token) {
        counts[Math.floorMod(fnv1a(token), counts.length)] += 1;
    }

    /** FNV-1a over UTF-16 units: a fixed, documented hash, so shipped weights stay valid on any JVM. */
    static int fnv1a(String token) {
        int h = 0x811c9dc5;
        for (int i = 0; i < token.length(); i++) {
            h ^= token.charAt(i);
            h *= 0x01000193;
        }
        return h;
    }

    static boolean isHan(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    private static String clip(String text) {
        if (text.length() <= HEAD_CHARS + TAIL_CHARS) {
            return text;
        }
        return text.substring(0, HEAD_CHARS) + '\n' + text.substring(text.length() - TAIL_CHARS);
    }
}
