package dev.llmgateway.router.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.llmgateway.router.codec.Json;
import java.io.IOException;

/** What the simulator's three dialects share: sending a JSON answer and pacing. */
final class SimHttp {

    private SimHttp() {
    }

    static void send(HttpExchange ex, int status, ObjectNode body) throws IOException {
        byte[] bytes = Json.bytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    static void sleep(long ms) {
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
