package dev.llmgateway.router.accounttype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.error.ErrorCategory;
import dev.llmgateway.core.error.UpstreamException;
import dev.llmgateway.core.spi.ProviderFailure;
import dev.llmgateway.core.stream.ChatChunk;
import dev.llmgateway.core.stream.SseEvent;
import dev.llmgateway.core.stream.StreamTranslator;
import dev.llmgateway.router.codec.Json;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Google's Code Assist API ({@code {base}/v1internal:<method>}), which Gemini CLI calls when signed
 * in with a Google account, in terms of the Gemini API: a {@code generateContent} or
 * {@code streamGenerateContent?alt=sse} request is the Gemini request wrapped as
 * {@code {"model", "project", "user_prompt_id", "request": {...}}}, and every answer (the JSON body,
 * each streamed event) is the Gemini answer wrapped as {@code {"response": {...}, "traceId"}}. The
 * project comes from {@code loadCodeAssist}. Errors are Google's usual {@code {"error": {...}}},
 * not wrapped. Stateless.
 */
final class CodeAssist {

    /** Where Gemini CLI sends its requests. */
    static final URI ENDPOINT = URI.create("https://cloudcode-pa.googleapis.com");
    static final String VERSION = "v1internal";
    /** The client metadata Gemini CLI sends with {@code loadCodeAssist}. */
    private static final String IDE_TYPE = "IDE_UNSPECIFIED";
    private static final String PLATFORM = "PLATFORM_UNSPECIFIED";
    private static final String PLUGIN_TYPE = "GEMINI";

    private CodeAssist() {
    }

    /** {@code {base}/v1internal:{method}}. */
    static URI method(URI base, String method) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + "/" + VERSION + ":" + method);
    }

    /** The generate endpoint: {@code :generateContent}, or {@code :streamGenerateContent?alt=sse}. */
    static URI generate(URI base, boolean stream) {
        return method(base, stream ? "streamGenerateContent?alt=sse" : "generateContent");
    }

    /** The model as Code Assist names it: without the API's {@code models/} prefix. */
    static String modelName(String upstreamModel) {
        return upstreamModel.startsWith("models/") ? upstreamModel.substring("models/".length()) : upstreamModel;
    }

    /** Puts the Gemini request {@code body} inside the Code Assist envelope, in place. */
    static void wrap(ObjectNode body, String model, String project, String userPromptId) {
        ObjectNode inner = body.deepCopy();
        body.removeAll();
        body.put("model", modelName(model));
        body.put("project", project);
        body.put("user_prompt_id", userPromptId);
        body.set("request", inner);
    }

    /**
     * The Gemini answer inside a Code Assist one ({@code response}, with {@code traceId} as its
     * {@code responseId} when it has none, as Gemini CLI reads it); anything else (an error) as it is.
     */
    static JsonNode unwrap(JsonNode answer) {
        JsonNode inner = answer == null ? null : answer.get("response");
        if (inner == null || !inner.isObject()) {
            return answer;
        }
        ObjectNode out = (ObjectNode) inner;
        JsonNode trace = answer.get("traceId");
        if (!out.has("responseId") && trace != null && trace.isTextual()) {
            out.put("responseId", trace.asText());
        }
        return out;
    }

    /** The body of {@code loadCodeAssist}: Gemini CLI's client metadata. */
    static ObjectNode loadRequest() {
        ObjectNode body = Json.object();
        body.putObject("metadata").put("ideType", IDE_TYPE).put("platform", PLATFORM).put("pluginType", PLUGIN_TYPE);
        return body;
    }

    /**
     * The project in a {@code loadCodeAssist} answer ({@code cloudaicompanionProject}: an id, or an
     * object with one). A user without one has not finished Gemini CLI's onboarding (no
     * {@code currentTier}: never signed in with Gemini CLI) or needs a project of their own
     * (Workspace and paid tiers): both are the account's set-up, an error the operator must fix.
     */
    static String projectFrom(JsonNode load) {
        JsonNode p = load.path("cloudaicompanionProject");
        String id = p.isTextual() ? p.asText() : p.path("id").asText("");
        if (!id.isBlank()) {
            return id;
        }
        List<String> reasons = new ArrayList<>();
        for (JsonNode tier : load.path("ineligibleTiers")) {
            String reason = tier.path("reasonMessage").asText("");
            if (!reason.isBlank()) {
                reasons.add(reason);
            }
        }
        String why = reasons.isEmpty() ? "" : " Google says: " + String.join("; ", reasons) + ".";
        if (!load.hasNonNull("currentTier")) {
            throw notSetUp("The Gemini CLI account is not onboarded to Gemini Code Assist (the gateway does not "
                    + "onboard accounts): sign in once with Gemini CLI itself, or set the account's 'project'." + why);
        }
        throw notSetUp("The Gemini CLI account has no Code Assist project of its own: set the account's 'project' "
                + "(a Google Cloud project id with Gemini for Google Cloud enabled)." + why);
    }

    /**
     * The account cannot serve requests as set up: counted like rejected credentials (status 403),
     * so the pool takes the account out of rotation and another account may serve the request.
     */
    static ProviderFailure notSetUp(String message) {
        return new ProviderFailure(new UpstreamException(ErrorCategory.UPSTREAM, message + " An operator must fix "
                + "the account.", "upstream_account_not_set_up"), false, null, 403);
    }

    /** Reads each streamed Code Assist event as the Gemini event inside it. */
    static final class Unwrapping implements StreamTranslator {

        private final StreamTranslator inner;

        Unwrapping(StreamTranslator inner) {
            this.inner = inner;
        }

        @Override
        public void onEvent(SseEvent event, Consumer<ChatChunk> out) {
            inner.onEvent(unwrap(event), out);
        }

        static SseEvent unwrap(SseEvent event) {
            String data = event.data();
            if (data.isBlank() || !data.stripLeading().startsWith("{")) {
                return event;
            }
            JsonNode json;
            try {
                json = Json.MAPPER.readTree(data);
            } catch (IOException e) {
                return event; // the translator reports what it cannot read
            }
            JsonNode unwrapped = CodeAssist.unwrap(json);
            return unwrapped == json ? event : new SseEvent(event.event(), Json.text(unwrapped));
        }

        @Override
        public boolean finished() {
            return inner.finished();
        }
    }
}
