package dev.llmgateway.router.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code llm-gateway list-accounts}: every upstream account with its live state. */
@Command(name = "list-accounts", description = "List the upstream accounts of a running gateway with their health.")
final class ListAccountsCommand extends AdminCommand {

    @Override
    JsonNode fetch(AdminClient client) {
        return client.get("/accounts");
    }

    @Override
    void render(JsonNode body, PrintWriter out) {
        out.print(AdminViews.accounts(body.path("data")));
    }
}
