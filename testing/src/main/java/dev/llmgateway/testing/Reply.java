package dev.llmgateway.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the {@link FakeUpstream} does with one request. */
public sealed interface Reply {

    /** A JSON (or any) body with a status, after an optional delay before the first byte. */
    record Body(int status, String body, Map<String, String> headers, Duration delay) implements Reply {
    }

    /**
     * An SSE stream: each {@code data} string is sent as {@code data: <it>\n\n} with {@code gap} between
     * events. {@code end} says how it finishes.
     */
    record Stream(List<String> data, Duration firstByteDelay, Duration gap, End end) implements Reply {
    }

    /** Accept the request and never answer (until the client gives up). */
    record Hang() implements Reply {
    }

    /** Close the connection (with a TCP reset) without answering. */
    record Reset() implements Reply {
    }

    /** How a stream ends. */
    enum End {
        /** {@code data: [DONE]} and the chunked terminator. */
        DONE,
        /** The connection is reset after the events: a broken stream. */
        CUT,
        /** Stop sending but keep the connection open: a stalled stream. */
        STALL
    }

    static Reply json(int status, String body) {
        return new Body(status, body, Map.of("Content-Type", "application/json"), Duration.ZERO);
    }

    static Reply error(int status, String message) {
        return json(status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"test_error\",\"param\":null,\"code\":null}}");
    }

    static Reply rateLimited(String retryAfter) {
        return new Body(429, "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\"}}",
                Map.of("Content-Type", "application/json", "Retry-After", retryAfter), Duration.ZERO);
    }

    /** A chat completion with {@code content} and usage 11 prompt / 7 completion tokens. */
    static Reply chat(String content) {
        return json(200, OpenAiBodies.completion(content));
    }

    static Reply delayed(Reply.Body body, Duration delay) {
        return new Body(body.status(), body.body(), body.headers(), delay);
    }

    /** A complete OpenAI stream of {@code words} ending with a usage chunk and [DONE]. */
    static Reply stream(String... words) {
        return new Stream(OpenAiBodies.chunks(words, true), Duration.ZERO, Duration.ZERO, End.DONE);
    }

    /** The first {@code n} events of a word stream, then {@code end}. */
    static Reply partialStream(int n, Duration gap, End end, String... words) {
        List<String> all = OpenAiBodies.chunks(words, true);
        return new Stream(new ArrayList<>(all.subList(0, Math.min(n, all.size()))), Duration.ZERO, gap, end);
    }
}
