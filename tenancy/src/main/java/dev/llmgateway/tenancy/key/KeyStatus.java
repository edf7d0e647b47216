package dev.llmgateway.tenancy.key;

import java.util.Locale;
import java.util.Optional;

/** What a key's state looks like from outside: disabled wins over expired. */
public enum KeyStatus {
    ACTIVE, DISABLED, EXPIRED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<KeyStatus> parse(String text) {
        for (KeyStatus s : values()) {
            if (s.wire().equals(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
