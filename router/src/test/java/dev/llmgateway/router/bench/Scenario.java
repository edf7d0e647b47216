package dev.llmgateway.router.bench;

/** What a recorded stream in the translation benchmark contains. */
enum Scenario {
    /** A plain text answer. */
    TEXT("text"),
    /** A short text, then two or three tool calls whose arguments arrive in pieces. */
    TOOLS("tools"),
    /** Reasoning deltas before the answer text. */
    THINKING("thinking");

    private final String id;

    Scenario(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    static Scenario byId(String id) {
        for (Scenario s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scenario " + id);
    }
}
