package dev.llmgateway.router.bench;

import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.spi.DecodeContext;
import dev.llmgateway.core.spi.FormatCodec;
import dev.llmgateway.router.codec.anthropic.AnthropicCodec;
import dev.llmgateway.router.codec.gemini.GeminiCodec;
import dev.llmgateway.router.codec.openai.OpenAiChatCodec;
import dev.llmgateway.router.codec.responses.ResponsesCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * A client dialect in the translation benchmark: its codec and a small streaming request of that
 * dialect, decoded once, from which each stream's encoder is made.
 */
enum Client {
    OPENAI_CHAT("openai-chat", new OpenAiChatCodec(), """
            {"model":"bench","stream":true,"stream_options":{"include_usage":true},
             "messages":[{"role":"user","content":"Weather in San Francisco and Paris?"}]}
            """, DecodeContext.none()),
    ANTHROPIC("anthropic", new AnthropicCodec(), """
            {"model":"bench","stream":true,"max_tokens":1024,
             "messages":[{"role":"user","content":"Weather in San Francisco and Paris?"}]}
            """, DecodeContext.none()),
    GEMINI("gemini", new GeminiCodec(), """
            {"contents":[{"role":"user","parts":[{"text":"Weather in San Francisco and Paris?"}]}]}
            """, new DecodeContext(Optional.of("bench"), true, Map.of("alt", "sse"))),
    RESPONSES("responses", new ResponsesCodec(), """
            {"model":"bench","stream":true,"input":"Weather in San Francisco and Paris?"}
            """, DecodeContext.none());

    private final String id;
    private final FormatCodec codec;
    private final String body;
    private final DecodeContext context;

    Client(String id, FormatCodec codec, String body, DecodeContext context) {
        this.id = id;
        this.codec = codec;
        this.body = body;
        this.context = context;
    }

    String id() {
        return id;
    }

    FormatCodec codec() {
        return codec;
    }

    ChatRequest request() {
        return codec.decode(body.getBytes(StandardCharsets.UTF_8), context);
    }

    static Client byId(String id) {
        for (Client c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown client dialect " + id);
    }
}
