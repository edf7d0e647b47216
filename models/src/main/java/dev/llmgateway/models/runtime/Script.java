package dev.llmgateway.models.runtime;

/**
 * Which writing system a text is mostly in, decided cheaply over its first characters. The
 * per-script embedding blocks ({@link FeatureLayout}) and the choice of sentence encoder
 * ({@link BundleSession}, and the training pipeline) both ask this, so a text's vector always
 * comes from the encoder whose block it fills.
 */
public final class Script {

    static final int SCAN_CHARS = 2_000;

    private Script() {
    }

    /** True when Han characters outnumber Latin-script words, the usual shape of a Chinese prompt. */
    public static boolean mostlyHan(String text) {
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
            if (!latin && LexicalFeatures.isHan(c)) {
                han++;
            }
        }
        return han > latinWords;
    }
}
