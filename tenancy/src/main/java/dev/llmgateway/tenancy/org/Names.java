package dev.llmgateway.tenancy.org;

import dev.llmgateway.tenancy.TenancyException;
import java.util.Optional;

/** Validation of the names and descriptions organizations and teams carry. */
final class Names {

    private Names() {
    }

    static String name(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 200 || n.chars().anyMatch(Character::isISOControl)) {
            throw TenancyException.invalid("name", "'name' must be 1 to 200 characters without control characters.");
        }
        return n;
    }

    static Optional<String> description(Optional<String> description) {
        Optional<String> d = description.map(String::strip).filter(s -> !s.isEmpty());
        if (d.isPresent() && d.get().length() > 2000) {
            throw TenancyException.invalid("description", "'description' must be at most 2000 characters.");
        }
        return d;
    }
}
