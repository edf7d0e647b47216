package dev.llmgateway.router.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code llm-gateway add-oauth}: adds a subscription OAuth account (Claude Code or Gemini CLI) to a
 * running gateway. It takes no traffic until authorized with oauth-start and oauth-callback. The
 * gateway refuses unless its operator opted in (accounts.allow-subscription-oauth).
 */
@Command(name = "add-oauth", description = "Add a subscription OAuth account (claude-code or gemini-cli); then "
        + "authorize it with oauth-start and oauth-callback.")
final class AddOAuthCommand extends AdminCommand {

    @Option(names = "--type", required = true, description = "claude-code (Claude Pro/Max, as Claude Code signs in) "
            + "or gemini-cli (a Google account, as Gemini CLI signs in); the ids claude-code-oauth and "
            + "gemini-cli-oauth work too.")
    String type;

    @Option(names = "--name", required = true, description = "The account's name; its id is provider/name.")
    String name;

    @Option(names = "--provider", description = "A configured provider of the type's kind (default: the first "
            + "Anthropic-type provider for claude-code, the first Gemini-type one for gemini-cli).")
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

    @Option(names = "--project", description = "gemini-cli: the Google Cloud project for Code Assist (default: the "
            + "one Code Assist reports for the signed-in user with loadCodeAssist).")
    String project;

    @Option(names = "--base-uri", description = "gemini-cli: the Code Assist endpoint (default "
            + "https://cloudcode-pa.googleapis.com).")
    String baseUri;

    @Override
    JsonNode fetch(AdminClient client) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("type", type).put("name", name);
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
        if (project != null) {
            body.put("project", project);
        }
        if (baseUri != null) {
            body.put("base_uri", baseUri);
        }
        return client.post("/accounts/oauth", body);
    }

    @Override
    void render(JsonNode body, PrintWriter out) {
        String id = body.path("id").asText();
        out.println("added OAuth account " + id + " (" + body.path("type").asText() + "), waiting for authorization");
        out.print(AdminViews.accounts(List.of(body)));
        out.println("next: llm-gateway oauth-start --account-id=" + id);
    }

    private static void putIf(ObjectNode body, String field, Integer value) {
        if (value != null) {
            body.put(field, value);
        }
    }
}
