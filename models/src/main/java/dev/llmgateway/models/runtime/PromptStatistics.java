package dev.llmgateway.models.runtime;

/**
 * A few surface measures of a prompt that a sentence embedding does not keep well: how long it
 * is, how much of it is digits, maths or code, how many answer options it lists. Each value is
 * scaled to roughly 0..1 so a linear head can weigh them next to the embedding.
 */
public final class PromptStatistics {

    public static final int SIZE = 9;
    private static final String MATH = "=+*/^<>%√∑∫π≤≥";
    private static final String CODE = "{}[];_`#\\|";

    private PromptStatistics() {
    }

    public static float[] of(String text) {
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
            } else if (LexicalFeatures.isHan(c)) {
                han++;
            }
        }
        int words = words(text);
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

    /**
     * What {@code text.isBlank() ? 0 : text.trim().split("\\s+").length} counts, without the regex
     * and the strings: the runs of characters other than {@code [ \t\n\x0B\f\r]} between the
     * ends that {@link String#trim} cuts (and 1 when {@code trim} leaves nothing of a text that
     * isn't blank, as {@code "".split} gives one empty string).
     */
    static int words(String text) {
        if (text.isBlank()) {
            return 0;
        }
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) <= ' ') {
            end--;
        }
        if (start == end) {
            return 1;
        }
        int words = 0;
        boolean inWord = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }

    /**
     * Lines that look like multiple-choice options: "A.", "B)", "(C)", "D:". Each line is read in
     * place between its line breaks with {@link String#strip}'s rule (whitespace code points off
     * both ends); same count as splitting the text at {@code \n} and stripping every line.
     */
    static int options(String text) {
        int count = 0;
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            int start = lineStart;
            int end = lineEnd;
            while (start < end && Character.isWhitespace(text.codePointAt(start))) {
                start += Character.charCount(text.codePointAt(start));
            }
            while (end > start && Character.isWhitespace(text.codePointBefore(end))) {
                end -= Character.charCount(text.codePointBefore(end));
            }
            if (end - start >= 3 && text.charAt(start) == '(') {
                start++;
            }
            if (end - start >= 2 && text.charAt(start) >= 'A' && text.charAt(start) <= 'H'
                    && ".):".indexOf(text.charAt(start + 1)) >= 0) {
                count++;
            }
            lineStart = lineEnd + 1;
        }
        return count;
    }
}
