package dev.llmgateway.router.accounttype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.spi.Credential;
import dev.llmgateway.core.spi.ProviderFailure;
import dev.llmgateway.core.stream.ChatChunk;
import dev.llmgateway.core.stream.SseEvent;
import dev.llmgateway.core.stream.StreamTranslator;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.router.config.GatewayConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Code Assist's envelope, its project lookup, and how a Gemini CLI account prepares a request with them. */
class CodeAssistTest {

    private static final String REQUEST = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],"
            + "\"generationConfig\":{\"maxOutputTokens\":50}}";
    private static final String ANSWER = "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hi\"}]},"
            + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":3,"
            + "\"candidatesTokenCount\":1,\"totalTokenCount\":4},\"modelVersion\":\"gemini-2.5-pro\"}";
    private static final String LOADED = "{\"currentTier\":{\"id\":\"free-tier\"},"
            + "\"cloudaicompanionProject\":\"helpful-cat-123\"}";

    private final GeminiCliOAuth type = GeminiCliOAuth.of(GatewayConfig.OAuthSettings.none());

    private static ObjectNode json(String s) {
        return Json.parseObject(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A generate request for account {@code acct} with {@code options}, answering side requests with {@code fetch}. */
    private static Preparation generate(boolean stream, Map<String, String> options, Preparation.Fetch fetch) {
        Credential c = new Credential("ya29.token", GeminiCliOAuth.ID).forAccount("gemini/me", options);
        return Preparation.of(Map.of("x-goog-api-key", "AIza-operator"), json(REQUEST), Optional.of(c.value()))
                .target(URI.create("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent"))
                .call("gemini-2.5-pro", stream).account(Optional.of(c)).fetch(fetch);
    }

    private static Preparation.Fetch never() {
        return (uri, headers, body) -> {
            throw new AssertionError("no side request expected, got " + uri);
        };
    }

    @Test
    void wrap_putsTheGeminiRequestInsideTheEnvelope_withModelProjectAndPromptId() {
        ObjectNode body = json(REQUEST);

        CodeAssist.wrap(body, "models/gemini-2.5-pro", "proj-1", "prompt-1");

        assertEquals(json("{\"model\":\"gemini-2.5-pro\",\"project\":\"proj-1\",\"user_prompt_id\":\"prompt-1\","
                + "\"request\":" + REQUEST + "}"), body);
    }

    @Test
    void unwrap_takesTheResponseOut_traceIdBecomesTheResponseId_errorsStayAsTheyAre() {
        JsonNode inner = CodeAssist.unwrap(json("{\"response\":" + ANSWER + ",\"traceId\":\"t-1\"}"));
        ObjectNode expected = json(ANSWER).put("responseId", "t-1");
        assertEquals(expected, inner);

        ObjectNode withId = json(ANSWER).put("responseId", "r-9");
        assertEquals(withId, CodeAssist.unwrap(json("{\"response\":" + withId + ",\"traceId\":\"t-1\"}")));

        ObjectNode error = json("{\"error\":{\"code\":403,\"message\":\"denied\",\"status\":\"PERMISSION_DENIED\"}}");
        assertSame(error, CodeAssist.unwrap(error));
        assertSame(error, type.unwrap(error));
    }

    @Test
    void streamEvents_areUnwrappedBeforeTheGeminiTranslatorSeesThem() {
        List<SseEvent> seen = new ArrayList<>();
        StreamTranslator inner = new StreamTranslator() {
            @Override
            public void onEvent(SseEvent event, Consumer<ChatChunk> out) {
                seen.add(event);
            }

            @Override
            public boolean finished() {
                return false;
            }
        };
        StreamTranslator t = type.unwrapping(inner);

        t.onEvent(new SseEvent("message", "{\"response\":" + ANSWER + ",\"traceId\":\"t-2\"}"), c -> { });
        t.onEvent(new SseEvent("message", "[DONE]"), c -> { });
        t.onEvent(new SseEvent("message", "{\"error\":{\"code\":429,\"message\":\"quota\"}}"), c -> { });

        assertEquals(json(ANSWER).put("responseId", "t-2"), json(seen.get(0).data()));
        assertEquals("message", seen.get(0).event());
        assertEquals("[DONE]", seen.get(1).data());
        assertEquals("{\"error\":{\"code\":429,\"message\":\"quota\"}}", seen.get(2).data(), "errors pass unchanged");
    }

    @Test
    void configuredProject_isUsedWithoutAskingCodeAssist_andTheRequestGoesToTheAccountsEndpoint() {
        Preparation p = generate(true, Map.of("project", "my-gcp", "base_uri", "http://127.0.0.1:9/"), never());

        type.prepare(p);

        assertEquals(URI.create("http://127.0.0.1:9/v1internal:streamGenerateContent?alt=sse"), p.target().orElseThrow());
        assertEquals("Bearer ya29.token", p.header("authorization").orElseThrow());
        assertTrue(p.header("x-goog-api-key").isEmpty());
        ObjectNode body = p.body().orElseThrow();
        assertEquals("my-gcp", body.path("project").asText());
        assertEquals("gemini-2.5-pro", body.path("model").asText());
        assertFalse(body.path("user_prompt_id").asText().isBlank());
        assertEquals(json(REQUEST), body.path("request"));
    }

    @Test
    void withoutAProject_loadCodeAssistIsAskedOnce_withTheTokenAndGeminiCliMetadata_atTheDefaultEndpoint() {
        List<URI> asked = new ArrayList<>();
        List<Map<String, String>> headers = new ArrayList<>();
        List<ObjectNode> bodies = new ArrayList<>();
        Preparation.Fetch fetch = (uri, h, b) -> {
            asked.add(uri);
            headers.add(h);
            bodies.add(b);
            return json(LOADED);
        };

        Preparation first = generate(false, Map.of(), fetch);
        type.prepare(first);
        Preparation second = generate(false, Map.of(), fetch);
        type.prepare(second);

        assertEquals(List.of(URI.create("https://cloudcode-pa.googleapis.com/v1internal:loadCodeAssist")), asked);
        assertEquals("Bearer ya29.token", headers.get(0).get("authorization"));
        assertEquals(json("{\"metadata\":{\"ideType\":\"IDE_UNSPECIFIED\",\"platform\":\"PLATFORM_UNSPECIFIED\","
                + "\"pluginType\":\"GEMINI\"}}"), bodies.get(0));
        assertEquals(URI.create("https://cloudcode-pa.googleapis.com/v1internal:generateContent"),
                first.target().orElseThrow());
        assertEquals("helpful-cat-123", first.body().orElseThrow().path("project").asText());
        assertEquals("helpful-cat-123", second.body().orElseThrow().path("project").asText());
    }

    @Test
    void concurrentFirstRequests_shareOneLookup() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Preparation.Fetch slow = (uri, h, b) -> {
            calls.incrementAndGet();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return json(LOADED);
        };
        List<Future<String>> projects = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 10; i++) {
                projects.add(pool.submit(() -> {
                    Preparation p = generate(false, Map.of(), slow);
                    type.prepare(p);
                    return p.body().orElseThrow().path("project").asText();
                }));
            }
            Thread.sleep(200);
            release.countDown();
        }
        for (Future<String> f : projects) {
            assertEquals("helpful-cat-123", f.get());
        }
        assertEquals(1, calls.get());
    }

    @Test
    void notOnboarded_isAnAccountSetUpError_countedAsCredentials_andNotRemembered() {
        AtomicInteger calls = new AtomicInteger();
        Preparation.Fetch notOnboarded = (uri, h, b) -> {
            calls.incrementAndGet();
            return json("{\"allowedTiers\":[{\"id\":\"free-tier\",\"isDefault\":true}]}");
        };

        ProviderFailure f = assertThrows(ProviderFailure.class, () -> type.prepare(generate(false, Map.of(), notOnboarded)));

        assertEquals(403, f.upstreamStatus(), "the pool treats it like rejected credentials");
        assertFalse(f.retryable());
        assertEquals("upstream_account_not_set_up", f.clientError().code().orElseThrow());
        assertTrue(f.getMessage().contains("not onboarded"), f.getMessage());
        assertThrows(ProviderFailure.class, () -> type.prepare(generate(false, Map.of(), notOnboarded)));
        assertEquals(2, calls.get(), "a failed lookup is asked again next time");

        Preparation later = generate(false, Map.of(), (uri, h, b) -> json(LOADED));
        type.prepare(later);
        assertEquals("helpful-cat-123", later.body().orElseThrow().path("project").asText());
    }

    @Test
    void projectFrom_readsAnIdOrAnObject_andExplainsWhatIsMissing() {
        assertEquals("p1", CodeAssist.projectFrom(json("{\"currentTier\":{},\"cloudaicompanionProject\":\"p1\"}")));
        assertEquals("p2", CodeAssist.projectFrom(json("{\"cloudaicompanionProject\":{\"id\":\"p2\",\"name\":\"x\"}}")));
        ProviderFailure workspace = assertThrows(ProviderFailure.class, () -> CodeAssist.projectFrom(json(
                "{\"currentTier\":{\"id\":\"standard-tier\"},\"ineligibleTiers\":[{\"reasonMessage\":\"Your account "
                        + "requires a project\"}]}")));
        assertTrue(workspace.getMessage().contains("set the account's 'project'"), workspace.getMessage());
        assertTrue(workspace.getMessage().contains("Your account requires a project"), workspace.getMessage());
    }

    @Test
    void aProbe_onlyGetsTheBearerToken() {
        Preparation probe = Preparation.headersOnly(Map.of("x-goog-api-key", "AIza-operator"), Optional.of("ya29.t"));

        type.prepare(probe);

        assertEquals(Map.of("authorization", "Bearer ya29.t"), probe.headers());
        assertTrue(probe.target().isEmpty());
        assertEquals(java.util.Set.of("project", "base_uri"), type.options());
    }
}
