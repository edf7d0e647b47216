package dev.llmgateway.models.runtime;

import java.util.Arrays;
import java.util.Locale;

/**
 * Hashed bag of words, word pairs and Chinese character uni/bigrams. The sentence encoder is an
 * English model that sees Chinese mostly as single characters, so cue words such as 翻译, 总结 or
 * 改写 would otherwise be lost; this vector gives the heads those cues in both languages.
 *
 * <p>Digits are folded to {@code 0} so that "3 + 4" and "17 + 25" look alike. Only the start and
 * end of long texts are read: the instruction is almost always at one of the two ends, and it
 * bounds the work.
 *
 * <p>The tokens are hashed once per text ({@link #hashes}) and the hashes can then fill vectors
 * of any number of buckets ({@link #fill}), so two heads reading the same text share the work.
 * Hashing runs over the characters in place: the hash of {@code "ww:" + previous + ' ' + word} is
 * the FNV-1a of those UTF-16 units, as it always was, without building the string.
 */
public final class LexicalFeatures {

    static final int HEAD_CHARS = 1_500;
    static final int TAIL_CHARS = 500;
    private static final String SYMBOLS = "=+-*/^<>{}()[];#$%&|_~`\\@!?:";
    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;
    private static final int WORD = fnv1a(FNV_OFFSET, "w:");
    private static final int PAIR = fnv1a(FNV_OFFSET, "ww:");
    private static final int HAN = fnv1a(FNV_OFFSET, "h:");
    private static final int HAN_PAIR = fnv1a(FNV_OFFSET, "hh:");
    private static final int SYMBOL = fnv1a(FNV_OFFSET, "s:");

    private LexicalFeatures() {
    }

    /** A unit-length vector of {@code buckets} log-scaled counts (all zeros for text without tokens). */
    public static float[] hashed(String text, int buckets) {
        float[] counts = new float[buckets];
        fill(hashes(text), counts, 0, buckets);
        return counts;
    }

    /** The FNV-1a hashes of a text's tokens (words, word pairs, Han uni/bigrams, code symbols), in text order. */
    public static Hashes hashes(String text) {
        String s = clip(text).toLowerCase(Locale.ROOT);
        Hashes out = new Hashes(s.length() + 8);
        char[] word = new char[32];
        int wordLength = 0;
        char[] previous = new char[32];
        int previousLength = -1; // -1: no previous word
        int previousHan = -1;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            boolean han = isHan(cp);
            if (!han && Character.isLetterOrDigit(cp)) {
                if (wordLength + 2 > word.length) {
                    word = Arrays.copyOf(word, 2 * word.length);
                }
                wordLength += Character.toChars(Character.isDigit(cp) ? '0' : cp, word, wordLength);
                continue;
            }
            if (wordLength > 0) {
                addWord(out, word, wordLength, previous, previousLength);
                char[] swap = previous; // the word becomes the previous one; its old buffer is reused
                previous = word;
                previousLength = wordLength;
                word = swap;
                wordLength = 0;
            }
            if (han) {
                out.add(fnv1a(HAN, cp));
                if (previousHan >= 0) {
                    out.add(fnv1a(fnv1a(HAN_PAIR, previousHan), cp));
                }
                previousHan = cp;
                continue;
            }
            previousHan = -1;
            if (SYMBOLS.indexOf(cp) >= 0) {
                out.add(fnv1a(SYMBOL, cp));
            } else if (!Character.isWhitespace(cp)) {
                previousLength = -1; // other punctuation ends a phrase
            }
        }
        if (wordLength > 0) {
            addWord(out, word, wordLength, previous, previousLength);
        }
        return out;
    }

    /** The word's hash and, after another word of the same phrase, the pair's. */
    private static void addWord(Hashes out, char[] word, int wordLength, char[] previous, int previousLength) {
        out.add(fnv1a(WORD, word, wordLength));
        if (previousLength >= 0) {
            int h = fnv1a(PAIR, previous, previousLength);
            h = (h ^ ' ') * FNV_PRIME;
            out.add(fnv1a(h, word, wordLength));
        }
    }

    /**
     * Writes the unit-length vector of {@code buckets} log-scaled counts of {@code hashes} into
     * {@code out[offset, offset + buckets)}, which must be zero. Same values as {@link #hashed}.
     */
    public static void fill(Hashes hashes, float[] out, int offset, int buckets) {
        for (int i = 0; i < hashes.size; i++) {
            out[offset + Math.floorMod(hashes.values[i], buckets)] += 1;
        }
        double squares = 0;
        for (int b = offset; b < offset + buckets; b++) {
            if (out[b] != 0) { // most of the buckets are empty
                out[b] = (float) Math.log1p(out[b]);
                squares += (double) out[b] * out[b];
            }
        }
        // Pooling.l2Normalize, over the block only: the empty buckets add nothing to the squares
        double norm = Math.max(Math.sqrt(squares), 1e-12);
        for (int b = offset; b < offset + buckets; b++) {
            if (out[b] != 0) {
                out[b] = (float) (out[b] / norm);
            }
        }
    }

    /** FNV-1a over UTF-16 units: a fixed, documented hash, so shipped weights stay valid on any JVM. */
    static int fnv1a(String token) {
        return fnv1a(FNV_OFFSET, token);
    }

    private static int fnv1a(int h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * FNV_PRIME;
        }
        return h;
    }

    private static int fnv1a(int h, char[] chars, int length) {
        for (int i = 0; i < length; i++) {
            h = (h ^ chars[i]) * FNV_PRIME;
        }
        return h;
    }

    /** Continues {@code h} with the UTF-16 units of {@code cp}. */
    private static int fnv1a(int h, int cp) {
        if (Character.isBmpCodePoint(cp)) {
            return (h ^ cp) * FNV_PRIME;
        }
        h = (h ^ Character.highSurrogate(cp)) * FNV_PRIME;
        return (h ^ Character.lowSurrogate(cp)) * FNV_PRIME;
    }

    /** No code point below U+2E80 (CJK radicals) is in the Han script, so most text skips the script lookup. */
    static final int FIRST_HAN = 0x2E80;

    static boolean isHan(int cp) {
        return cp >= FIRST_HAN && Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    private static String clip(String text) {
        if (text.length() <= HEAD_CHARS + TAIL_CHARS) {
            return text;
        }
        return text.substring(0, HEAD_CHARS) + '\n' + text.substring(text.length() - TAIL_CHARS);
    }

    /** A growable list of token hashes. */
    public static final class Hashes {

        private int[] values;
        private int size;

        Hashes(int capacity) {
            values = new int[Math.max(8, capacity)];
        }

        void add(int hash) {
            if (size == values.length) {
                values = Arrays.copyOf(values, 2 * size);
            }
            values[size++] = hash;
        }

        public int size() {
            return size;
        }
    }
}
