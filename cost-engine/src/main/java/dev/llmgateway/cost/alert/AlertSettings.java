package dev.llmgateway.cost.alert;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where alerts go besides the log: webhooks and e-mail addresses that get every alert, and the SMTP
 * server e-mail is sent through (without it, e-mail addresses are ignored with a warning).
 */
public record AlertSettings(List<String> webhooks, List<String> emails, Optional<Smtp> smtp, Duration timeout) {

    /** An SMTP server reached in plain text (a local relay); {@code from} is the sender address. */
    public record Smtp(String host, int port, String from) {
        public Smtp {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(from, "from");
        }
    }

    public static final AlertSettings NONE = new AlertSettings(List.of(), List.of(), Optional.empty(),
            Duration.ofSeconds(5));

    public AlertSettings {
        webhooks = List.copyOf(webhooks);
        emails = List.copyOf(emails);
        Objects.requireNonNull(smtp, "smtp");
        Objects.requireNonNull(timeout, "timeout");
    }
}
