package dev.llmgateway.router.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Budgets from the command line: {@code list-budgets}, {@code add-budget}, {@code remove-budget}. */
final class BudgetCommands {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BudgetCommands() {
    }

    /** {@code llm-gateway list-budgets --org=…}: every budget of the organization with this period's spending. */
    @Command(name = "list-budgets", description = "List an organization's budgets with this period's spending.")
    static final class ListBudgets extends AdminCommand {

        @Option(names = "--org", required = true, description = "The organization id (org_…).")
        String org;

        @Override
        JsonNode fetch(AdminClient client) {
            return client.get("/orgs/" + org + "/budgets");
        }

        @Override
        void render(JsonNode body, PrintWriter out) {
            out.print(table(body.path("data")));
        }
    }

    /** {@code llm-gateway add-budget --org=… --period=month --amount=25.00 …}. */
    @Command(name = "add-budget", description = "Create a budget on an organization, team, key or user.")
    static final class Add extends AdminCommand {

        @Option(names = "--org", required = true, description = "The organization id (org_…).")
        String org;

        @Option(names = "--period", required = true, description = "day, week, month or total.")
        String period;

        @Option(names = "--amount", required = true, description = "US dollars, e.g. 25.00.")
        String amount;

        @Option(names = "--scope", description = "organization (default), team, key or user.")
        String scope;

        @Option(names = "--scope-id", description = "The team, key or user id (default: the organization).")
        String scopeId;

        @Option(names = "--name", description = "A name for the budget.")
        String name;

        @Option(names = "--action", description = "refuse (default) or downgrade.")
        String action;

        @Option(names = "--downgrade-model", description = "With --action=downgrade: the cheaper model or policy.")
        String downgradeModel;

        @Option(names = "--threshold", description = "An alert threshold in percent; repeat it (default 80, 90, 100).")
        List<Integer> thresholds = new ArrayList<>();

        @Option(names = "--webhook", description = "A URL that gets this budget's alerts; repeat for more.")
        List<String> webhooks = new ArrayList<>();

        @Option(names = "--email", description = "An address that gets this budget's alerts; repeat for more.")
        List<String> emails = new ArrayList<>();

        @Override
        JsonNode fetch(AdminClient client) {
            ObjectNode body = JSON.createObjectNode().put("period", period).put("amount_usd", amount);
            put(body, "scope", scope);
            put(body, "scope_id", scopeId);
            put(body, "name", name);
            put(body, "action", action);
            put(body, "downgrade_model", downgradeModel);
            if (!thresholds.isEmpty()) {
                thresholds.forEach(body.putArray("thresholds")::add);
            }
            if (!webhooks.isEmpty()) {
                webhooks.forEach(body.putArray("webhooks")::add);
            }
            if (!emails.isEmpty()) {
                emails.forEach(body.putArray("emails")::add);
            }
            return client.post("/orgs/" + org + "/budgets", body);
        }

        @Override
        void render(JsonNode body, PrintWriter out) {
            out.println("created budget " + body.path("id").asText());
            out.print(table(JSON.createArrayNode().add(body)));
        }

        private static void put(ObjectNode body, String field, String value) {
            if (value != null && !value.isBlank()) {
                body.put(field, value.trim());
            }
        }
    }

    /** {@code llm-gateway remove-budget --org=… --id=bud_…}. */
    @Command(name = "remove-budget", description = "Delete a budget (kept in history, no longer applied).")
    static final class Remove extends AdminCommand {

        @Option(names = "--org", required = true, description = "The organization id (org_…).")
        String org;

        @Option(names = "--id", required = true, description = "The budget id (bud_…).")
        String id;

        @Override
        JsonNode fetch(AdminClient client) {
            return client.delete("/orgs/" + org + "/budgets/" + id);
        }

        @Override
        void render(JsonNode body, PrintWriter out) {
            out.println("removed budget " + id);
        }
    }

    static String table(JsonNode budgets) {
        Table t = Table.of("BUDGET", "NAME", "SCOPE", "PERIOD", "AMOUNT", "SPENT", "USED", "RESERVED", "AT-100%",
                "ALERTS-FIRED");
        for (JsonNode b : budgets) {
            JsonNode c = b.path("current");
            String action = b.path("action").asText();
            if (action.equals("downgrade")) {
                action = "downgrade to " + b.path("downgrade_model").asText();
            }
            List<String> fired = new ArrayList<>();
            c.path("alerts_fired").forEach(f -> fired.add(f.asText() + "%"));
            t.row(b.path("id").asText(), b.path("name").asText(), b.path("scope").asText() + " " + b.path("scope_id").asText(),
                    b.path("period").asText() + " " + c.path("period_key").asText(), "$" + b.path("amount_usd").asText(),
                    "$" + c.path("spent_usd").asText(), c.path("percent_used").asText() + "%",
                    "$" + c.path("reserved_usd").asText(), action, String.join(" ", fired));
        }
        return t.render();
    }
}
