package dev.llmgateway.models.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fixed corpus for checks that the features and the encoder input don't change: everyday prompts
 * plus seeded random texts built to hit the edge cases (Han, kana, surrogate pairs, digits of other
 * scripts, control and format characters, Unicode spaces, case mappings that change length, options
 * lines, texts around every clip length).
 */
final class GoldenTexts {

    private static final String SENTENCE =
            "The quarterly report shows revenue growth in every region, but costs rose faster than expected. ";

    private static final String[] PIECES = {
        "the", "a", "write", "python", "function", "Translate", "SUMMARY", "x", "42", "3.14", "2024-01-01",
        "翻译", "总结", "改写", "请", "把下面这句话翻译成英文", "今天天气真好", "为什么", "？", "。", "，",
        "ひらがな", "カタカナ", "한국어", "Привет", "café", "naïve", "İstanbul", "ΣΟΦΙΑ", "straße", "ǅ",
        "\uD83D\uDE00", "\uD835\uDFCE\uD835\uDFCF", "\uD840\uDC00\uD840\uDC01", "１２３", "٣٤", "Ⅻ",
        "=", "+", "-", "*", "/", "^", "<", ">", "{", "}", "(", ")", "[", "]", ";", "#", "$", "%", "&", "|",
        "_", "~", "`", "\\", "@", "!", "?", ":", ",", ".", "'", "\"", "…", "—", "√", "∑", "π", "≤",
        "\u0001", "\u200D", "\u00AD", "\uFEFF", "[MASK]", "[SEP]", "##ing", "don't", "e-mail",
        "A.", "B)", "(C)", "D:", "H.", "I.",
    };
    private static final String[] GAPS = {" ", " ", " ", "  ", "\n", "\n\n", "\t", "\r\n", "\u00A0", "\u2003", "\u3000", "", "\u000B", "\f"};

    private GoldenTexts() {
    }

    static List<String> all() {
        List<String> texts = new ArrayList<>(List.of(
                "",
                " ",
                "\u0001",
                "\u2003",
                "ok",
                "Write a python function that returns the n-th prime number.",
                "把下面这句话翻译成英文：今天天气真好。",
                "Solve for x: 5x - 3 = 17",
                "Summarize the following article in two sentences: The city opened a new library...",
                "Which is a prime?\nA. 4\nB. 6\n(C) 7\nD) 9",
                "  (A)  first\n (B) second \n( C) third\nE:fourth\n\n",
                "def f(x):\n    return {k: v for k, v in x.items() if v[0] > 3}  # comment\n",
                "将以下英文翻译成中文：" + SENTENCE.repeat(30),
                "word ".repeat(5_000),
                "x".repeat(3_000),
                "\uD83D\uDE00".repeat(700),
                "Request 7: " + prompt(29),
                "Request 8: " + prompt(125),
                "Request 9: " + prompt(509),
                SENTENCE.repeat(100)));
        SplittableRandom random = new SplittableRandom(20_260_204L);
        int[] lengths = {5, 40, 200, 700, 1_030, 1_500, 1_999, 2_000, 2_001, 2_600, 4_100, 7_999, 8_000, 8_001, 12_000};
        for (int i = 0; i < 300; i++) {
            int target = i < lengths.length * 4 ? lengths[i % lengths.length] : 1 + random.nextInt(random.nextInt(9_000) + 1);
            texts.add(randomText(random, target, i % 5));
        }
        return texts;
    }

    /** About {@code tokens} word pieces of ordinary English, as LatencyBench builds them. */
    static String prompt(int tokens) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() / SENTENCE.length() * 18 < tokens) {
            sb.append(SENTENCE);
        }
        return sb.toString();
    }

    /** Flavour 0 mixes everything; 1 is mostly English; 2 mostly Chinese; 3 mostly symbols; 4 mostly edge characters. */
    private static String randomText(SplittableRandom random, int length, int flavour) {
        StringBuilder sb = new StringBuilder(length + 16);
        while (sb.length() < length) {
            String piece = switch (flavour) {
                case 1 -> random.nextInt(10) < 8 ? PIECES[random.nextInt(11)] : PIECES[random.nextInt(PIECES.length)];
                case 2 -> random.nextInt(10) < 8 ? PIECES[11 + random.nextInt(10)] : PIECES[random.nextInt(PIECES.length)];
                case 3 -> random.nextInt(10) < 7 ? PIECES[37 + random.nextInt(40)] : PIECES[random.nextInt(PIECES.length)];
                case 4 -> random.nextInt(10) < 6 ? PIECES[21 + random.nextInt(16)] : PIECES[random.nextInt(PIECES.length)];
                default -> PIECES[random.nextInt(PIECES.length)];
            };
            sb.append(piece);
            if (random.nextInt(4) != 0) {
                sb.append(GAPS[random.nextInt(GAPS.length)]);
            }
        }
        return sb.toString();
    }
}
