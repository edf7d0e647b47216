package dev.llmgateway.models.runtime;

import java.util.Locale;

/**
 * The feature code as it was when the heads were trained (LexicalFeatures, PromptStatistics and
 * Script before they were optimised), kept verbatim as the reference the optimised code must match
 * bit for bit on any text.
 */
final class ReferenceFeatures {

    private ReferenceFeatures() {
    }

    static float[] build(FeatureLayout layout, String text, float[] sentenceEmbedding) {
        int width = layout.embedding() ? (layout.embeddingPerScript() ? 2 : 1) * SentenceEncoder.DIMENSIONS : 0;
        float[] out = new float[layout.size()];
        int offset = 0;
        if (layout.embedding()) {
            int at = layout.embeddingPerScript() && mostlyHan(text) ? sentenceEmbedding.length : 0;
            System.arraycopy(sentenceEmbedding, 0, out, at, sentenceEmbedding.length);
            offset = width;
        }
        if (layout.lexicalBuckets() > 0) {
            float[] lexical = hashed(text, layout.lexicalBuckets());
            System.arraycopy(lexical, 0, out, offset, lexical.length);
            offset += lexical.length;
        }
        if (layout.statistics()) {
            float[] stats = statistics(text);
            System.arraycopy(stats, 0, out, offset, stats.length);
        }
        return out;
    }

    // ---- LexicalFeatures ----

    static final int HEAD_CHARS = 1_500;
    static final int TAIL_CHARS = 500;
    private static final String SYMBOLS = "=+-*/^<>{}()[];#$%&|_~`\\@!?:";

    

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

    // ---- PromptStatistics ----

    
    private static final String MATH = "=+*/^<>%√∑∫π≤≥";
    private static final String CODE = "{}[];_`#\\|";

    

    static float[] statistics(String text) {
        int chars = text.length();
        int digits = 0;
        int math = 0;
        int code = 0;
        int han = 0;
        int lines = 1;
        int questions = 0;
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (Character.isDigit(c)) {
                digits++;
            } else if (MATH.indexOf(c) >= 0) {
                math++;
            } else if (CODE.indexOf(c) >= 0) {
                code++;
            } else if (c == '\n') {
                lines++;
            } else if (c == '?' || c == '？') {
                questions++;
            } else if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                han++;
            }
        }
        int words = text.isBlank() ? 0 : text.trim().split("\\s+").length;
        float n = Math.max(1, chars);
        return new float[] {
            (float) (Math.log1p(chars) / 10),
            (float) (Math.log1p(words) / 8),
            (float) (Math.log1p(lines) / 5),
            Math.min(1f, 5 * digits / n),
            Math.min(1f, 10 * math / n),
            Math.min(1f, 10 * code / n),
            han / n,
            Math.min(1f, questions / 4f),
            Math.min(1f, options(text) / 4f),
        };
    }

    /** Lines that look like multiple-choice options: "A.", "B)", "(C)", "D:". */
    private static int options(String text) {
        int count = 0;
        for (String line : text.split("\n")) {
            String s = line.strip();
            if (s.length() >= 2 && s.charAt(0) == '(' && s.length() >= 3) {
                s = s.substring(1);
            }
            if (s.length() >= 2 && s.charAt(0) >= 'A' && s.charAt(0) <= 'H' && ".):".indexOf(s.charAt(1)) >= 0) {
                count++;
            }
        }
        return count;
    }

    // ---- Script ----

    static final int SCAN_CHARS = 2_000;

    

    /** True when Han characters outnumber Latin-script words, the usual shape of a Chinese prompt. */
    static boolean mostlyHan(String text) {
        int han = 0;
        int latinWords = 0;
        boolean inWord = false;
        int end = Math.min(text.length(), SCAN_CHARS);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            boolean latin = c < 0x250 && Character.isLetter(c);
            if (latin && !inWord) {
                latinWords++;
            }
            inWord = latin;
            if (!latin && isHan(c)) {
                han++;
            }
        }
        return han > latinWords;
    }
}
