package dev.llmgateway.router.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code llm-gateway add-api-key}: adds an upstream account with its API key to a running gateway.
 * The key is stored encrypted and takes traffic at once; only a masked hint is ever printed.
 */
@Command(name = "add-api-key", description = "Add an upstream account with its API key (stored encrypted).")
final class AddApiKeyCommand extends AdminCommand {

    @Option(names = "--key", required = true, description = "The upstream API key; '-' reads it from standard "
            + "input (keeps it out of the shell history).")
    String key;

    @Option(names = "--name", required = true, description = "The account's name; its id is provider/name.")
    String name;

    @Option(names = "--provider", description = "A configured provider; default: told by the key's prefix "
            + "(sk-ant- anthropic, AIza gemini, sk-or- openrouter, sk- openai).")
    String provider;

    @Option(names = "--models", split = ",", description = "Models this account serves (default: all of the provider's).")
    List<String> models;

    @Option(names = "--weight", description = "Weight for weighted selection (default 1).")
    Integer weight;

    @Option(names = "--priority", description = "Priority for fill-first (lower first; default 0).")
    Integer priority;

    @Option(names = "--max-concurrency", description = "Most requests at once (default: no limit).")
    Integer maxConcurrency;

    @Option(names = "--rpm", description = "Requests per minute (default: no limit).")
    Integer rpm;

    @Option(names = "--tpm", description = "Tokens per minute (default: no limit).")
    Integer tpm;

    @Override
    JsonNode fetch(AdminClient client) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", name).put("api_key", secret());
        if (provider != null) {
            body.put("provider", provider);
        }
        if (models != null) {
            models.forEach(body.putArray("models")::add);
        }
        putIf(body, "weight", weight);
        putIf(body, "priority", priority);
        putIf(body, "max_concurrency", maxConcurrency);
        putIf(body, "requests_per_minute", rpm);
        putIf(body, "tokens_per_minute", tpm);
        return client.post("/accounts", body);
    }

    @Override
    void render(JsonNode body, PrintWriter out) {
        out.println("added account " + body.path("id").asText() + " (key " + body.path("key").asText("****") + ")");
        out.print(AdminViews.accounts(List.of(body)));
    }

    private String secret() {
        if (!"-".equals(key)) {
            return key;
        }
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isBlank()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--key=- but standard input is empty");
            }
            return line.trim();
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot read the key from standard input");
        }
    }

    private static void putIf(ObjectNode body, String field, Integer value) {
        if (value != null) {
            body.put(field, value);
        }
    }
}
