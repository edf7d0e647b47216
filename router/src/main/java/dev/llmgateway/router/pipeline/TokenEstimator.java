package dev.llmgateway.router.pipeline;

import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.ContentPart;
import dev.llmgateway.core.chat.Message;
import dev.llmgateway.core.chat.ToolDefinition;
import dev.llmgateway.router.codec.Json;

/**
 * Estimates a request's prompt tokens without a tokenizer, for upstreams that cannot count and for
 * the cost estimate budgets check before a call: characters / 4, rounded up, over all text of the
 * canonical request (messages, tool calls and their arguments, tool results, thinking) and the tool
 * definitions (name, description, schema JSON), plus {@value #IMAGE_TOKENS} per image.
 */
public final class TokenEstimator {

    /** Anthropic's documented cost of a full-size image, used for every image in an estimate. */
    public static final long IMAGE_TOKENS = 1600;

    private TokenEstimator() {
    }

    public static long promptTokens(ChatRequest request) {
        long chars = 0;
        long images = 0;
        for (Message m : request.messages()) {
            for (ContentPart part : m.content()) {
                chars += chars(part);
                images += images(part);
            }
        }
        for (ToolDefinition t : request.tools()) {
            chars += t.name().length() + t.description().map(String::length).orElse(0) + Json.text(t.parameters()).length();
        }
        return (chars + 3) / 4 + images * IMAGE_TOKENS;
    }

    private static long chars(ContentPart part) {
        return switch (part) {
            case ContentPart.Text t -> t.text().length();
            case ContentPart.Thinking t -> t.text().length();
            case ContentPart.ToolCall c -> c.name().length() + c.arguments().length();
            case ContentPart.ToolResult r -> r.content().stream().mapToLong(TokenEstimator::chars).sum();
            case ContentPart.Opaque o -> Json.text(o.json()).length();
            case ContentPart.Image i -> 0;
        };
    }

    private static long images(ContentPart part) {
        return switch (part) {
            case ContentPart.Image i -> 1;
            case ContentPart.ToolResult r -> r.content().stream().mapToLong(TokenEstimator::images).sum();
            default -> 0;
        };
    }
}
