package dev.llmgateway.models.runtime;

/**
 * One text on its way into several {@link FeatureLayout}s: what the blocks read from the text
 * (lexical hashes, script, statistics) is worked out once, on first use, and shared by every
 * layout built from it. Both shipped heads read the same text, so the lexical hashing is done once
 * per request instead of once per head. Not thread-safe; use it on one thread and let it go.
 */
public final class FeatureText {

    private final String text;
    private LexicalFeatures.Hashes hashes;
    private Boolean mostlyHan;
    private float[] statistics;

    private FeatureText(String text) {
        this.text = text;
    }

    public static FeatureText of(String text) {
        return new FeatureText(text);
    }

    public String text() {
        return text;
    }

    LexicalFeatures.Hashes hashes() {
        if (hashes == null) {
            hashes = LexicalFeatures.hashes(text);
        }
        return hashes;
    }

    boolean mostlyHan() {
        if (mostlyHan == null) {
            mostlyHan = Script.mostlyHan(text);
        }
        return mostlyHan;
    }

    /** Shared: callers copy out of it and never change it. */
    float[] statistics() {
        if (statistics == null) {
            statistics = PromptStatistics.of(text);
        }
        return statistics;
    }
}
