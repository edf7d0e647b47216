package dev.llmgateway.router.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llm-gateway remove-account}: removes an account that was added with add-api-key. */
@Command(name = "remove-account", description = "Remove an upstream account added through the admin API.")
final class RemoveAccountCommand extends AdminCommand {

    @Option(names = "--id", required = true, description = "The account, as provider/name (see list-accounts).")
    String id;

    @Override
    JsonNode fetch(AdminClient client) {
        String[] parts = splitId(id, spec);
        return client.delete("/accounts/" + parts[0] + "/" + parts[1]);
    }

    @Override
    void render(JsonNode body, PrintWriter out) {
        out.println("removed account " + id);
    }
}
