package dev.llmgateway.router.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** What an admin handler answers: a status, a JSON body (or none for 204) and extra headers. */
public record AdminReply(int status, JsonNode body, Map<String, String> headers) {

    public AdminReply {
        headers = Map.copyOf(headers);
    }

    public static AdminReply ok(JsonNode body) {
        return new AdminReply(200, body, Map.of());
    }

    public static AdminReply created(JsonNode body) {
        return new AdminReply(201, body, Map.of());
    }

    public static AdminReply noContent() {
        return new AdminReply(204, null, Map.of());
    }

    /** A body that is not JSON (CSV exports): {@code body} must be a text node. */
    public static AdminReply text(int status, String contentType, String text) {
        return new AdminReply(status, com.fasterxml.jackson.databind.node.TextNode.valueOf(text),
                Map.of("content-type", contentType));
    }
}
