package dev.llmgateway.router.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    /** Wed, 21 Oct 2015 07:28:00 GMT */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2015-10-21T07:28:00Z"), ZoneOffset.UTC);

    private static HttpHeaders headers(String... nameValues) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put(nameValues[i], List.of(nameValues[i + 1]));
        }
        return HttpHeaders.of(map, (a, b) -> true);
    }

    private static Optional<Duration> parse(String... nameValues) {
        return RetryAfter.parse(headers(nameValues), CLOCK);
    }

    @Test
    void parse_noHeaders_isEmpty() {
        assertEquals(Optional.empty(), parse());
    }

    @Test
    void parse_retryAfterMs_isMilliseconds() {
        assertEquals(Optional.of(Duration.ofMillis(1500)), parse("retry-after-ms", "1500"));
    }

    @Test
    void parse_retryAfterMsFractional_isTruncatedToMilliseconds() {
        assertEquals(Optional.of(Duration.ofMillis(20)), parse("retry-after-ms", " 20.9 "));
    }

    @Test
    void parse_retryAfterMsAndRetryAfter_prefersMilliseconds() {
        assertEquals(Optional.of(Duration.ofMillis(250)), parse("retry-after-ms", "250", "retry-after", "30"));
    }

    @Test
    void parse_retryAfterMsGarbage_fallsBackToRetryAfter() {
        assertEquals(Optional.of(Duration.ofSeconds(3)), parse("retry-after-ms", "soon", "retry-after", "3"));
    }

    @Test
    void parse_retryAfterMsNegative_isZero() {
        assertEquals(Optional.of(Duration.ZERO), parse("retry-after-ms", "-100"));
    }

    @Test
    void parse_retryAfterSeconds_isSeconds() {
        assertEquals(Optional.of(Duration.ofSeconds(30)), parse("retry-after", "30"));
    }

    @Test
    void parse_headerNameInOtherCase_isFound() {
        assertEquals(Optional.of(Duration.ofSeconds(2)), parse("Retry-After", "2"));
    }

    @Test
    void parse_retryAfterFractionalSeconds_isMilliseconds() {
        assertEquals(Optional.of(Duration.ofMillis(1500)), parse("retry-after", "1.5"));
        assertEquals(Optional.of(Duration.ofMillis(250)), parse("retry-after", "0.25"));
    }

    @Test
    void parse_retryAfterHttpDate_isTimeUntilThen() {
        assertEquals(Optional.of(Duration.ofSeconds(90)), parse("retry-after", "Wed, 21 Oct 2015 07:29:30 GMT"));
    }

    @Test
    void parse_retryAfterHttpDateInThePast_isZero() {
        assertEquals(Optional.of(Duration.ZERO), parse("retry-after", "Wed, 21 Oct 2015 07:00:00 GMT"));
    }

    @Test
    void parse_retryAfterGarbage_isEmpty() {
        assertEquals(Optional.empty(), parse("retry-after", "in a while"));
        assertEquals(Optional.empty(), parse("retry-after", ""));
    }

    @Test
    void parse_retryAfterNegative_isEmpty() {
        assertEquals(Optional.empty(), parse("retry-after", "-5"));
    }

    @Test
    void parseValue_surroundingSpaces_areIgnored() {
        assertEquals(Optional.of(Duration.ofSeconds(4)), RetryAfter.parse(" 4 ", CLOCK));
    }
}
