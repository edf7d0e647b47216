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
}
