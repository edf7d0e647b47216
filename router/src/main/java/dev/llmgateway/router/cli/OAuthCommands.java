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
 * The commands that act on one OAuth account: {@code oauth-start} (prints the URL to open),
 * {@code oauth-callback} (hands the gateway the code shown after signing in) and
 * {@code oauth-refresh}. Tokens never reach the command line: only their expiry is printed.
 */
abstract class OAuthCommands extends AdminCommand {

    @Option(names = {"--account-id", "--id"}, required = true,
            description = "The OAuth account, as provider/name (see list-accounts or oauth-status).")
    String accountId;

    abstract String action();

    JsonNode body() {
        return JsonNodeFactory.instance.objectNode();
    }

    @Override
    JsonNode fetch(AdminClient client) {
        String[] parts = accountId.split("/", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--account-id must look like provider/name (as list-accounts shows), not '" + accountId + "'.");
        }
        return client.post("/accounts/" + parts[0] + "/" + parts[1] + "/oauth/" + action(), body());
    }

    /** One account's OAuth state as a one-row table. */
    static void printState(JsonNode state, PrintWriter out) {
        out.print(AdminViews.oauthStatus(List.of(state)));
    }

    @Command(name = "oauth-start", description = "Start authorizing an OAuth account: prints the URL to open "
            + "in a browser, then run oauth-callback with the code it shows.")
    static final class Start extends OAuthCommands {
        @Override
        String action() {
            return "start";
        }

        @Override
        void render(JsonNode body, PrintWriter out) {
            out.println("Open this URL in a browser, sign in and allow access:");
            out.println();
            out.println("  " + body.path("authorization_url").asText());
            out.println();
            out.println("Then pass the code shown (or the code= parameter of the page it redirects to):");
            out.println("  llm-gateway oauth-callback --account-id=" + body.path("id").asText() + " --state="
                    + body.path("state").asText() + " --code=<code>");
            out.println("The authorization expires at " + body.path("expires_at").asText() + ".");
        }
    }

    @Command(name = "oauth-callback", description = "Complete an OAuth authorization with the code shown after "
            + "signing in; the account then takes traffic.")
    static final class Callback extends OAuthCommands {

        @Option(names = "--code", required = true, description = "The authorization code ('code#state' as Claude "
                + "shows it works too); '-' reads it from standard input.")
        String code;

        @Option(names = "--state", description = "The state oauth-start printed (not needed with 'code#state').")
        String state;

        @Override
        String action() {
            return "callback";
        }

        @Override
        JsonNode body() {
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("code", code());
            if (state != null) {
                body.put("state", state);
            }
            return body;
        }

        private String code() {
            if (!"-".equals(code)) {
                return code;
            }
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isBlank()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--code=- but standard input is empty");
                }
                return line.trim();
            } catch (IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "cannot read the code from standard input");
            }
        }

        @Override
        void render(JsonNode body, PrintWriter out) {
            out.println("account " + body.path("id").asText() + " is authorized; its token is valid until "
                    + body.path("expires_at").asText());
            printState(body, out);
        }
    }

    @Command(name = "oauth-refresh", description = "Refresh an OAuth account's access token now.")
    static final class Refresh extends OAuthCommands {
        @Override
        String action() {
            return "refresh";
        }

        @Override
        void render(JsonNode body, PrintWriter out) {
            out.println("account " + body.path("id").asText() + " refreshed; its token is valid until "
                    + body.path("expires_at").asText());
            printState(body, out);
        }
    }
}
