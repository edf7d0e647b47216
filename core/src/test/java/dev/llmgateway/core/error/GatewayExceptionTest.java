package dev.llmgateway.core.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class GatewayExceptionTest {

    @ParameterizedTest
    @CsvSource({
            "INVALID_REQUEST, 400",
            "AUTHENTICATION, 401",
            "PERMISSION, 403",
            "NOT_FOUND, 404",
            "PAYLOAD_TOO_LARGE, 413",
            "RATE_LIMITED, 429",
            "INTERNAL, 500",
            "UPSTREAM, 502",
            "UNAVAILABLE, 503",
            "TIMEOUT, 504",
    })
    void status_perCategory_isTheHttpStatus(ErrorCategory category, int status) {
        assertEquals(status, category.status());
    }

    @Test
    void subclasses_haveTheirCategoryAndStatus() {
        assertCategory(new InvalidRequestException("m"), ErrorCategory.INVALID_REQUEST, 400);
        assertCategory(new AuthenticationException("m"), ErrorCategory.AUTHENTICATION, 401);
        assertCategory(new PermissionDeniedException("m"), ErrorCategory.PERMISSION, 403);
        assertCategory(new NotFoundException("m"), ErrorCategory.NOT_FOUND, 404);
        assertCategory(new PayloadTooLargeException("m"), ErrorCategory.PAYLOAD_TOO_LARGE, 413);
        assertCategory(new RateLimitedException("m", "c", null), ErrorCategory.RATE_LIMITED, 429);
        assertCategory(new InternalException("m"), ErrorCategory.INTERNAL, 500);
        assertCategory(new UpstreamException(ErrorCategory.UPSTREAM, "m", "c"), ErrorCategory.UPSTREAM, 502);
        assertCategory(new UpstreamException(ErrorCategory.UNAVAILABLE, "m", "c"), ErrorCategory.UNAVAILABLE, 503);
        assertCategory(new UpstreamException(ErrorCategory.TIMEOUT, "m", "c"), ErrorCategory.TIMEOUT, 504);
    }

    private static void assertCategory(GatewayException e, ErrorCategory category, int status) {
        assertEquals(category, e.category());
        assertEquals(status, e.status());
        assertEquals("m", e.getMessage());
    }

    @Test
    void paramAndCode_whenGiven_arePresent() {
        InvalidRequestException e = new InvalidRequestException("bad", "messages[0].role", "invalid_value");
        assertEquals(Optional.of("messages[0].role"), e.param());
        assertEquals(Optional.of("invalid_value"), e.code());
    }

    @Test
    void paramAndCode_whenAbsent_areEmpty() {
        InvalidRequestException e = new InvalidRequestException("bad");
        assertEquals(Optional.empty(), e.param());
        assertEquals(Optional.empty(), e.code());
        assertEquals(Optional.empty(), e.retryAfter());
    }

    @Test
    void retryAfter_rateLimited_isKept() {
        assertEquals(Optional.of(Duration.ofSeconds(7)),
                new RateLimitedException("slow down", "rate_limited", Duration.ofSeconds(7)).retryAfter());
        assertEquals(Optional.empty(), new RateLimitedException("slow down", "rate_limited", null).retryAfter());
        assertEquals(Optional.of("rate_limited"), new RateLimitedException("m", "rate_limited", null).code());
    }

    @Test
    void upstreamException_keepsRetryAfterAndCause() {
        IOException cause = new IOException("reset");
        UpstreamException e = new UpstreamException(ErrorCategory.UNAVAILABLE, "down", "upstream_unavailable",
                Duration.ofMillis(1500), cause);
        assertEquals(Optional.of(Duration.ofMillis(1500)), e.retryAfter());
        assertSame(cause, e.getCause());
        assertEquals(Optional.of("upstream_unavailable"), e.code());
        assertEquals(Optional.empty(), e.param());
    }

    @Test
    void upstreamException_withoutCause_hasNoStackTrace() {
        UpstreamException e = new UpstreamException(ErrorCategory.UPSTREAM, "m", "c");
        assertNull(e.getCause());
        assertEquals(0, e.getStackTrace().length);
    }

    @ParameterizedTest
    @EnumSource(value = ErrorCategory.class, names = {"UPSTREAM", "UNAVAILABLE", "TIMEOUT"},
            mode = EnumSource.Mode.EXCLUDE)
    void upstreamException_nonUpstreamCategory_isRejected(ErrorCategory category) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new UpstreamException(category, "m", "c"));
        assertTrue(e.getMessage().contains(category.name()), e.getMessage());
    }
}
