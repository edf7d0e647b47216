package dev.llmgateway.router.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.router.codec.Json;

/**
 * An admin API failure: every one answers {@code {"error":{"message","type","code"}}} with its status.
 * Messages never carry a secret.
 */
final class AdminError extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;

    AdminError(int status, String type, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
    }

    static AdminError notFound(String message) {
        return new AdminError(404, "not_found_error", "not_found", message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    ObjectNode body() {
        ObjectNode root = Json.object();
        root.putObject("error").put("message", getMessage()).put("type", type).put("code", code);
        return root;
    }
}
