package dev.llmgateway.router.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code llm-gateway oauth-status}: every OAuth account with its status and token expiry (never a token). */
@Command(name = "oauth-status", description = "List the OAuth accounts of a running gateway: status, token "
        + "expiry, last refresh, last error.")
final class OAuthStatusCommand extends AdminCommand {

    @Override
    JsonNode fetch(AdminClient client) {
        return client.get("/oauth/status");
    }

    @Override
    void render(JsonNode body, PrintWriter out) {
        if (!body.path("allow_subscription_oauth").asBoolean(true)) {
            out.println("subscription OAuth accounts are off (accounts.allow-subscription-oauth: false)");
        }
        out.print(AdminViews.oauthStatus(body.path("data")));
    }
}
