package dev.llmgateway.router.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code llm-gateway stats}: request counters per account and provider since the gateway started. */
@Command(name = "stats", description = "Show request, failure and failover counts per account and provider.")
final class StatsCommand extends AdminCommand {

    @Override
    JsonNode fetch(AdminClient client) {
        return client.get("/stats");
    }

    @Override
    void render(JsonNode body, PrintWriter out) {
        out.print(AdminViews.stats(body));
    }
}
