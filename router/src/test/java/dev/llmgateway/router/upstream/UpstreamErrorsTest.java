package dev.llmgateway.router.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.core.error.ErrorCategory;
import dev.llmgateway.core.error.GatewayException;
import dev.llmgateway.core.error.InvalidRequestException;
import dev.llmgateway.core.error.NotFoundException;
import dev.llmgateway.core.error.PayloadTooLargeException;
import dev.llmgateway.core.error.RateLimitedException;
import dev.llmgateway.core.error.UpstreamException;
import dev.llmgateway.core.spi.ProviderFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamErrorsTest {

    private static byte[] body(String json) {
        return json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static final byte[] OPENAI_ERROR = body("{'error':{'message':'The model does not exist',"
            + "'type':'invalid_request_error'}}");

    private static ProviderFailure status(int status) {
        return UpstreamErrors.fromStatus("acme", status, OPENAI_ERROR, null);
    }

    // --- fromStatus ----------------------------------------------------------------------------------

    @Test
    void fromStatus_400_isInvalidRequestNotRetryableWithUpstreamMessage() {
        ProviderFailure f = status(400);
        InvalidRequestException e = assertInstanceOf(InvalidRequestException.class, f.clientError());
        assertFalse(f.retryable());
        assertEquals(400, f.upstreamStatus());
        assertEquals(Optional.of("upstream_invalid_request"), e.code());
        assertTrue(e.getMessage().contains("acme"), e.getMessage());
        assertTrue(e.getMessage().contains("The model does not exist"), e.getMessage());
    }

    @Test
    void fromStatus_422_isInvalidRequest() {
        assertEquals(ErrorCategory.INVALID_REQUEST, status(422).clientError().category());
        assertFalse(status(422).retryable());
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void fromStatus_authFailure_isUpstreamNotRetryableAndHidesUpstreamText(int code) {
        byte[] upstream = body("{'error':{'message':'Incorrect API key provided: sk-abc...xyz. Find your key at'}}");
        ProviderFailure f = UpstreamErrors.fromStatus("acme", code, upstream, null);
        GatewayException e = f.clientError();
        assertInstanceOf(UpstreamException.class, e);
        assertEquals(ErrorCategory.UPSTREAM, e.category());
        assertEquals(502, e.status());
        assertEquals(Optional.of("upstream_auth_failed"), e.code());
        assertFalse(f.retryable());
        assertFalse(e.getMessage().contains("Incorrect API key"), e.getMessage());
        assertFalse(e.getMessage().contains("sk-"), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(code)), e.getMessage());
    }

    @Test
    void fromStatus_404_isModelNotFound() {
        ProviderFailure f = status(404);
        NotFoundException e = assertInstanceOf(NotFoundException.class, f.clientError());
        assertEquals(Optional.of("model_not_found"), e.code());
        assertEquals(Optional.of("model"), e.param());
        assertFalse(f.retryable());
    }

    @Test
    void fromStatus_413_isPayloadTooLarge() {
        assertInstanceOf(PayloadTooLargeException.class, status(413).clientError());
        assertFalse(status(413).retryable());
    }

    @Test
    void fromStatus_429_isRateLimitedRetryableWithRetryAfter() {
        ProviderFailure f = UpstreamErrors.fromStatus("acme", 429, OPENAI_ERROR, Duration.ofSeconds(3));
        RateLimitedException e = assertInstanceOf(RateLimitedException.class, f.clientError());
        assertTrue(f.retryable());
        assertEquals(Optional.of(Duration.ofSeconds(3)), f.retryAfter());
        assertEquals(Optional.of(Duration.ofSeconds(3)), e.retryAfter());
        assertEquals(Optional.of("upstream_rate_limited"), e.code());
        assertEquals(429, f.upstreamStatus());
    }

    @Test
    void fromStatus_429WithoutRetryAfter_hasNone() {
        ProviderFailure f = status(429);
        assertTrue(f.retryable());
        assertEquals(Optional.empty(), f.retryAfter());
    }

    @ParameterizedTest
    @CsvSource({
            "500, UPSTREAM, upstream_error",
            "502, UPSTREAM, upstream_error",
            "501, UPSTREAM, upstream_error",
            "409, UPSTREAM, upstream_error",
            "503, UNAVAILABLE, upstream_unavailable",
            "529, UNAVAILABLE, upstream_unavailable",
            "504, TIMEOUT, upstream_timeout",
            "408, TIMEOUT, upstream_timeout",
    })
    void fromStatus_serverSide_isRetryableWithCategory(int code, ErrorCategory category, String errorCode) {
        ProviderFailure f = status(code);
        assertEquals(category, f.clientError().category());
        assertEquals(Optional.of(errorCode), f.clientError().code());
        assertTrue(f.retryable());
        assertEquals(code, f.upstreamStatus());
        assertTrue(f.clientError().getMessage().contains("acme"), f.clientError().getMessage());
    }

    @Test
    void fromStatus_503WithRetryAfter_keepsIt() {
        ProviderFailure f = UpstreamErrors.fromStatus("acme", 503, OPENAI_ERROR, Duration.ofSeconds(2));
        assertEquals(Optional.of(Duration.ofSeconds(2)), f.retryAfter());
        assertEquals(Optional.of(Duration.ofSeconds(2)), f.clientError().retryAfter());
    }

    @Test
    void fromStatus_otherClientError_isInvalidRequestNotRetryable() {
        ProviderFailure f = status(418);
        assertEquals(ErrorCategory.INVALID_REQUEST, f.clientError().category());
        assertFalse(f.retryable());
        assertTrue(f.clientError().getMessage().contains("418"), f.clientError().getMessage());
    }

    @Test
    void fromStatus_messageInOtherShapes_isFound() {
        assertTrue(UpstreamErrors.fromStatus("p", 400, body("{'message':'top-level message'}"), null)
                .clientError().getMessage().contains("top-level message"));
        assertTrue(UpstreamErrors.fromStatus("p", 400, body("{'error':'plain error string'}"), null)
                .clientError().getMessage().contains("plain error string"));
        assertTrue(UpstreamErrors.fromStatus("p", 400, body("{'detail':'x'}"), null)
                .clientError().getMessage().contains("(no message)"));
    }

    @Test
    void fromStatus_bodyNotJson_saysNoReadableMessage() {
        String m = UpstreamErrors.fromStatus("p", 500, "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8),
                null).clientError().getMessage();
        assertTrue(m.contains("(no readable message)"), m);
        assertFalse(m.contains("<html>"), m);
    }

    @Test
    void fromStatus_emptyBody_doesNotThrow() {
        ProviderFailure f = UpstreamErrors.fromStatus("p", 502, new byte[0], null);
        assertEquals(ErrorCategory.UPSTREAM, f.clientError().category());
    }

    @Test
    void fromStatus_upstreamMessageWithSecret_isScrubbed() {
        ProviderFailure f = UpstreamErrors.fromStatus("p", 400,
                body("{'error':{'message':'bad request for key sk-proj-abc123def456 and AIzaSyABCDEF123'}}"), null);
        String m = f.clientError().getMessage();
        assertFalse(m.contains("sk-proj-abc123def456"), m);
        assertFalse(m.contains("AIzaSyABCDEF123"), m);
        assertTrue(m.contains("bad request for key"), m);
    }

    // --- fromTransport ---------------------------------------------------------------------------------

    @Test
    void fromTransport_connectException_isUnreachableRetryable() {
        ProviderFailure f = UpstreamErrors.fromTransport("acme", new ConnectException("Connection refused"));
        assertEquals(ErrorCategory.UPSTREAM, f.clientError().category());
        assertEquals(Optional.of("upstream_unreachable"), f.clientError().code());
        assertTrue(f.retryable());
        assertEquals(0, f.upstreamStatus());
        assertTrue(f.clientError().getMessage().contains("acme"));
    }

    @Test
    void fromTransport_connectTimeout_isTimeout() {
        ProviderFailure f = UpstreamErrors.fromTransport("acme", new HttpConnectTimeoutException("connect timed out"));
        assertEquals(ErrorCategory.TIMEOUT, f.clientError().category());
        assertEquals(Optional.of("upstream_timeout"), f.clientError().code());
        assertTrue(f.clientError().getMessage().contains("connection"), f.clientError().getMessage());
        assertTrue(f.retryable());
    }

    @Test
    void fromTransport_requestTimeout_isTimeout() {
        ProviderFailure f = UpstreamErrors.fromTransport("acme", new HttpTimeoutException("request timed out"));
        assertEquals(ErrorCategory.TIMEOUT, f.clientError().category());
        assertEquals(Optional.of("upstream_timeout"), f.clientError().code());
        assertTrue(f.clientError().getMessage().contains("did not answer in time"), f.clientError().getMessage());
        assertTrue(f.retryable());
    }

    @Test
    void fromTransport_concurrentTimeout_isTimeout() {
        assertEquals(ErrorCategory.TIMEOUT,
                UpstreamErrors.fromTransport("acme", new TimeoutException()).clientError().category());
    }

    @Test
    void fromTransport_genericIoException_isConnectionError() {
        ProviderFailure f = UpstreamErrors.fromTransport("acme", new IOException("Connection reset by peer sk-secret12345"));
        assertEquals(ErrorCategory.UPSTREAM, f.clientError().category());
        assertEquals(Optional.of("upstream_connection_error"), f.clientError().code());
        assertFalse(f.clientError().getMessage().contains("sk-secret"), f.clientError().getMessage());
        assertTrue(f.retryable());
    }

    @Test
    void fromTransport_otherThrowable_namesOnlyItsClass() {
        ProviderFailure f = UpstreamErrors.fromTransport("acme", new IllegalStateException("internal detail"));
        assertEquals(Optional.of("upstream_error"), f.clientError().code());
        assertTrue(f.clientError().getMessage().contains("IllegalStateException"), f.clientError().getMessage());
        assertFalse(f.clientError().getMessage().contains("internal detail"), f.clientError().getMessage());
    }

    // --- scrub -------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"sk-proj-abc123def456", "sk-abcdefghijklmnop", "AIzaSyABCDEF123", "ya29.a0AfH6SMBx",
            "rk_live_abcdef123", "lgw_AbCdEf0123456789", "sess-abcdef123456"})
    void scrub_credentialLikeToken_isReplaced(String secret) {
        String s = UpstreamErrors.scrub("before " + secret + " after");
        assertFalse(s.contains(secret), s);
        assertTrue(s.startsWith("before "), s);
        assertTrue(s.endsWith(" after"), s);
        assertTrue(s.contains("****"), s);
    }

    @Test
    void scrub_bearerToken_isReplaced() {
        String s = UpstreamErrors.scrub("header was Authorization: Bearer xyz.abc-123 rejected");
        assertFalse(s.contains("xyz.abc-123"), s);
        assertTrue(s.endsWith(" rejected"), s);
    }

    @Test
    void scrub_ordinaryText_isUnchanged() {
        String text = "The model 'gpt-4o' does not exist or you do not have access to it.";
        assertEquals(text, UpstreamErrors.scrub(text));
    }

    @Test
    void scrub_longMessage_isTruncated() {
        String s = UpstreamErrors.scrub("a".repeat(2000));
        assertEquals(501, s.length());
        assertTrue(s.endsWith("…"), s);
        assertTrue(s.startsWith("a".repeat(500)));
    }

    @Test
    void scrub_messageOfExactlyMaxLength_isKept() {
        String text = "b".repeat(500);
        assertEquals(text, UpstreamErrors.scrub(text));
    }

    @Test
    void failure_isRetryableUpstreamExceptionWithoutStatus() {
        ProviderFailure f = UpstreamErrors.failure(ErrorCategory.UNAVAILABLE, "m", "c");
        assertTrue(f.retryable());
        assertEquals(0, f.upstreamStatus());
        assertEquals(ErrorCategory.UNAVAILABLE, f.clientError().category());
        assertEquals("m", f.getMessage());
    }
}
