package dev.llmgateway.classifier;

import java.util.Locale;

/** Task type of a prompt. The taxonomy of {@code ../shared/data/README.md}; labels match the model's. */
public enum Intent {
    CODING,
    MATH,
    CREATIVE_WRITING,
    OPEN_QA,
    CLOSED_QA,
    SUMMARIZATION,
    INFORMATION_EXTRACTION,
    CLASSIFICATION,
    BRAINSTORMING,
    TRANSLATION,
    REWRITE,
    REASONING,
    ROLEPLAY,
    OTHER;

    /** The label used in data sets, manifests and config, e.g. {@code creative_writing}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Unknown labels (a newer model than this code) map to {@link #OTHER} rather than failing a request. */
    public static Intent fromLabel(String label) {
        try {
            return valueOf(label.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return OTHER;
        }
    }
}
