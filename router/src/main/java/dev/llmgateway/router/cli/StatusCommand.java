package dev.llmgateway.router.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code llm-gateway status}: version, uptime and account health per provider of a running gateway. */
@Command(name = "status", description = "Show a running gateway's version, uptime and providers.")
final class StatusCommand extends AdminCommand {

    @Override
    JsonNode fetch(AdminClient client) {
        return client.get("/status");
    }

    @Override
    void render(JsonNode body, PrintWriter out) {
        out.print(AdminViews.status(body));
    }
}
