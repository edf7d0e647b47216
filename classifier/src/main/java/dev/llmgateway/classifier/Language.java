package dev.llmgateway.classifier;

/** The language of a prompt, as far as routing cares. */
public enum Language {
    EN("en"),
    ZH("zh"),
    OTHER("other");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
