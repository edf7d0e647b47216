package dev.llmgateway.router.upstream;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads how long an upstream asked us to wait: {@code retry-after-ms} (OpenAI), then
 * {@code Retry-After} as seconds or as an HTTP date.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    public static Optional<Duration> parse(HttpHeaders headers, Clock clock) {
        return parse(headers::firstValue, clock);
    }

    /** The same, from any header lookup by (case-insensitive) name. */
    public static Optional<Duration> parse(java.util.function.Function<String, Optional<String>> headers, Clock clock) {
        Optional<String> ms = headers.apply("retry-after-ms");
        if (ms.isPresent()) {
            try {
                return Optional.of(Duration.ofMillis(Math.max(0, (long) Double.parseDouble(ms.get().trim()))));
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        return headers.apply("retry-after").flatMap(v -> parse(v, clock));
    }

    static Optional<Duration> parse(String value, Clock clock) {
        String v = value.trim();
        try {
            double seconds = Double.parseDouble(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofMillis((long) (seconds * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
