package dev.llmgateway.router.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * A small client of a running gateway's admin API for the CLI. Every failure becomes a
 * {@link Failure} with a message meant for a person and the command's exit code. The admin key is
 * sent, never printed.
 */
final class AdminClient implements AutoCloseable {

    static final String API = "/admin/api/v1";
    /** The gateway answered with an error (unknown account, internal error). */
    static final int EXIT_REFUSED = 1;
    /** The gateway could not be reached, or what answered is not a gateway. */
    static final int EXIT_UNREACHABLE = 3;
    /** The admin key is missing or wrong, or the gateway has no admin key configured. */
    static final int EXIT_AUTH = 4;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI server;
    private final String adminKey;
    private final Duration timeout;
    private final HttpClient http;

    /** Why a command failed, for a person; {@code exitCode} is what the command returns. */
    static final class Failure extends RuntimeException {
        private final int exitCode;

        Failure(int exitCode, String message) {
            super(message, null, false, false);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }

    AdminClient(URI server, String adminKey, Duration timeout) {
        this.server = server;
        this.adminKey = adminKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    JsonNode get(String path) {
        return send(request(path).GET().build());
    }

    JsonNode post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    JsonNode post(String path, JsonNode body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    JsonNode delete(String path) {
        return send(request(path).DELETE().build());
    }

    private HttpRequest.Builder request(String path) {
        String base = server.toString().endsWith("/") ? server.toString().substring(0, server.toString().length() - 1)
                : server.toString();
        return HttpRequest.newBuilder(URI.create(base + API + path)).timeout(timeout)
                .header("Authorization", "Bearer " + adminKey).header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> res;
        try {
            res = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new Failure(EXIT_UNREACHABLE, "Cannot reach the gateway at " + server
                    + ": the connection timed out. Is --server right?");
        } catch (HttpTimeoutException e) {
            throw new Failure(EXIT_UNREACHABLE, "The gateway at " + server + " did not answer within "
                    + timeout.toSeconds() + " s.");
        } catch (ConnectException e) {
            throw new Failure(EXIT_UNREACHABLE, "Cannot reach the gateway at " + server
                    + " (connection refused). Is it running? Use --server to point elsewhere.");
        } catch (IOException e) {
            throw new Failure(EXIT_UNREACHABLE, "Cannot talk to the gateway at " + server + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(EXIT_UNREACHABLE, "Interrupted while waiting for the gateway.");
        }
        JsonNode body = parse(res);
        if (res.statusCode() >= 200 && res.statusCode() < 300) {
            return body;
        }
        String message = body.path("error").path("message").asText("");
        String code = body.path("error").path("code").asText("");
        if (res.statusCode() == 401) {
            throw new Failure(EXIT_AUTH, "The gateway rejected the admin key (" + code + "): " + message
                    + " Pass it with --admin-key or LLMGW_ADMIN_KEY.");
        }
        if (res.statusCode() == 403) {
            throw new Failure(EXIT_AUTH, "The gateway refused the admin request (" + code + "): " + message);
        }
        throw new Failure(EXIT_REFUSED, "The gateway answered " + res.statusCode() + " (" + code + "): " + message);
    }

    private JsonNode parse(HttpResponse<String> res) {
        if (res.statusCode() == 204) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode body = JSON.readTree(res.body());
            if (body != null && body.isObject()) {
                return body;
            }
        } catch (IOException e) {
            // fall through: not JSON
        }
        throw new Failure(EXIT_UNREACHABLE, "The server at " + server + " answered " + res.statusCode()
                + " without admin API JSON; is it an LLM Gateway (check --server)?");
    }

    static String pretty(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
