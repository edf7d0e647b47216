package dev.llmgateway.router.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code llm-gateway disable-account} and {@code enable-account}: the operator switch of one
 * account. A disabled account takes no traffic until enabled; health probes leave it alone.
 */
abstract class SwitchAccountCommand extends AdminCommand {

    @Option(names = "--id", required = true, description = "The account, as provider/name (see list-accounts).")
    String id;

    abstract String action();

    @Override
    JsonNode fetch(AdminClient client) {
        String[] parts = splitId(id, spec);
        return client.post("/accounts/" + parts[0] + "/" + parts[1] + "/" + action());
    }

    @Override
    void render(JsonNode body, PrintWriter out) {
        out.println("account " + body.path("id").asText() + " is now " + body.path("status").asText());
        out.print(AdminViews.accounts(List.of(body)));
    }

    @Command(name = "disable-account", description = "Stop sending traffic to an account until it is enabled again.")
    static final class Disable extends SwitchAccountCommand {
        @Override
        String action() {
            return "disable";
        }
    }

    @Command(name = "enable-account", description = "Let an account take traffic again, clearing its failure state.")
    static final class Enable extends SwitchAccountCommand {
        @Override
        String action() {
            return "enable";
        }
    }
}
