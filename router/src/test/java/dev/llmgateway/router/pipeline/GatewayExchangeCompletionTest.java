package dev.llmgateway.router.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.core.chat.Usage;
import dev.llmgateway.core.spi.Deadline;
import dev.llmgateway.core.spi.DecodeContext;
import dev.llmgateway.router.codec.openai.OpenAiChatCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatewayExchangeCompletionTest {

    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");

    private static GatewayExchange exchange() {
        ResponseWriter writer = new ResponseWriter() {
            @Override
            public void json(int status, byte[] body, Map<String, String> headers) {
            }

            @Override
            public StreamWriter beginStream(Map<String, String> headers) {
                return bytes -> { };
            }
        };
        return new GatewayExchange("rid-1", new OpenAiChatCodec(), n -> Optional.empty(), new byte[0],
                DecodeContext.none(), Deadline.after(Duration.ofSeconds(5)), writer,
                java.net.InetAddress.getLoopbackAddress());
    }

    @Test
    void complete_calledTwice_everyListenerToldOnceInOrderEvenWhenOneThrows() {
        GatewayExchange e = exchange();
        List<String> told = new ArrayList<>();
        e.onCompletion(o -> told.add("first"));
        e.onCompletion(o -> {
            throw new IllegalStateException("a broken listener");
        });
        e.onCompletion(o -> told.add("third"));
        e.usage(new Usage(11, 7, 0, 0, 0));
        e.outcome("complete");

        e.complete(200, false, AT);
        e.complete(500, true, AT);

        assertEquals(List.of("first", "third"), told);
    }

    @Test
    void complete_howItEnded_isNamed() {
        assertEquals(RequestOutcome.Ending.COMPLETED, ending("complete", 200, false));
        assertEquals(RequestOutcome.Ending.BROKEN, ending("upstream_error_mid_stream", 200, false));
        assertEquals(RequestOutcome.Ending.CANCELLED, ending("client_disconnected", 200, false));
        assertEquals(RequestOutcome.Ending.CANCELLED, ending("complete", 200, true));
        assertEquals(RequestOutcome.Ending.FAILED, ending("", 429, false));
    }

    @Test
    void complete_outcome_carriesTheLastReportedUsage() {
        GatewayExchange e = exchange();
        List<RequestOutcome> seen = new ArrayList<>();
        e.onCompletion(seen::add);
        e.usage(new Usage(1, 1, 0, 0, 0));
        e.usage(new Usage(11, 7, 3, 0, 2));
        e.outcome("client_disconnected");
        e.complete(200, false, AT);
        RequestOutcome o = seen.get(0);
        assertEquals(new RequestOutcome("rid-1", Optional.empty(), Optional.empty(),
                Optional.of(new Usage(11, 7, 3, 0, 2)), 200, RequestOutcome.Ending.CANCELLED, AT, o.elapsed(), ""), o);
        assertTrue(!o.elapsed().isNegative());
        assertEquals(18, seen.get(0).totalTokens());
    }

    private static RequestOutcome.Ending ending(String outcome, int status, boolean clientGone) {
        GatewayExchange e = exchange();
        List<RequestOutcome> seen = new ArrayList<>();
        e.onCompletion(seen::add);
        e.outcome(outcome);
        e.complete(status, clientGone, AT);
        return seen.get(0).ending();
    }
}
