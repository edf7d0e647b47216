package dev.llmgateway.router.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.cost.budget.Budget;
import dev.llmgateway.cost.budget.BudgetAction;
import dev.llmgateway.cost.budget.BudgetDraft;
import dev.llmgateway.cost.budget.BudgetPeriod;
import dev.llmgateway.cost.budget.BudgetScope;
import dev.llmgateway.cost.budget.BudgetStatus;
import dev.llmgateway.cost.budget.Budgets;
import dev.llmgateway.cost.anomaly.SpendAnomalies;
import dev.llmgateway.cost.anomaly.SpendAnomaly;
import dev.llmgateway.tenancy.Role;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.tenancy.TenancyException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Budgets of an organization and its teams, keys and users: {@code /orgs/{org}/budgets} (list with
 * the current period's spending, create) and {@code /orgs/{org}/budgets/{budget}} (read, change,
 * delete). Money is a string of US dollars so it stays exact.
 */
final class BudgetRoutes implements AdminRoutes {

    private static final String[] FIELDS = {"scope", "scope_id", "name", "period", "amount_usd", "action",
        "downgrade_model", "thresholds", "webhooks", "emails"};

    private final Budgets budgets;
    private final SpendAnomalies anomalies;

    BudgetRoutes(Budgets budgets, SpendAnomalies anomalies) {
        this.budgets = budgets;
        this.anomalies = anomalies;
    }

    @Override
    public void addTo(AdminRouteTable table) {
        table.get("/orgs/{org}/budgets", "The organization's budgets with this period's spending",
                        req -> AdminReply.ok(list(budgets.statuses(req.actor(), req.path("org")))))
                .post("/orgs/{org}/budgets", "Create a budget on the organization, a team, a key or a user",
                        req -> {
                            Budget b = budgets.create(req.actor(), req.path("org"), draft(req.body(), req.path("org")));
                            return AdminReply.created(json(budgets.status(req.actor(), req.path("org"), b.id())));
                        })
                .get("/orgs/{org}/budgets/{budget}", "One budget with this period's spending",
                        req -> AdminReply.ok(json(budgets.status(req.actor(), req.path("org"), req.path("budget")))))
                .patch("/orgs/{org}/budgets/{budget}", "Change a budget's fields; absent fields stay",
                        req -> {
                            ObjectNode body = Bodies.only(req.body(), FIELDS);
                            budgets.update(req.actor(), req.path("org"), req.path("budget"), d -> patch(d, body));
                            return AdminReply.ok(json(budgets.status(req.actor(), req.path("org"), req.path("budget"))));
                        })
                .get("/orgs/{org}/anomalies", "The organization's latest spend anomalies (hours far above its "
                        + "baseline), newest first", req -> {
                            req.actor().require(req.path("org"), Role.VIEWER, "read spend anomalies");
                            return AdminReply.ok(anomalies(anomalies.recent(req.path("org"), 50)));
                        })
                .delete("/orgs/{org}/budgets/{budget}", "Delete a budget (kept in history, no longer applied)",
                        req -> {
                            budgets.delete(req.actor(), req.path("org"), req.path("budget"));
                            return AdminReply.noContent();
                        });
    }

    /** A new budget from a body; {@code scope} defaults to the organization itself. */
    static BudgetDraft draft(ObjectNode body, String org) {
        Bodies.only(body, FIELDS);
        BudgetScope scope = Bodies.text(body, "scope").map(BudgetRoutes::scope).orElse(BudgetScope.ORGANIZATION);
        String scopeId = Bodies.text(body, "scope_id").orElse(scope == BudgetScope.ORGANIZATION ? org : "");
        BudgetAction action = Bodies.text(body, "action").map(BudgetRoutes::action).orElse(BudgetAction.REFUSE);
        return new BudgetDraft(scope, scopeId, Bodies.text(body, "name").orElse(scope.wire() + " budget"),
                period(Bodies.required(body, "period")), money(body).orElseThrow(() ->
                        TenancyException.invalid("amount_usd", "'amount_usd' is required.")), action,
                Bodies.text(body, "downgrade_model"), Bodies.ints(body, "thresholds").orElse(List.of()),
                Bodies.strings(body, "webhooks").orElse(List.of()), Bodies.strings(body, "emails").orElse(List.of()));
    }

    static BudgetDraft patch(BudgetDraft d, ObjectNode body) {
        BudgetAction action = Bodies.text(body, "action").map(BudgetRoutes::action).orElse(d.action());
        Optional<String> downgrade = Bodies.nullable(body, "downgrade_model").orElse(d.downgradeModel());
        return new BudgetDraft(Bodies.text(body, "scope").map(BudgetRoutes::scope).orElse(d.scope()),
                Bodies.text(body, "scope_id").orElse(d.scopeId()), Bodies.text(body, "name").orElse(d.name()),
                Bodies.text(body, "period").map(BudgetRoutes::period).orElse(d.period()), money(body).orElse(d.amountUsd()),
                action, downgrade, Bodies.ints(body, "thresholds").orElse(d.thresholds()),
                Bodies.strings(body, "webhooks").orElse(d.webhooks()), Bodies.strings(body, "emails").orElse(d.emails()));
    }

    static ObjectNode json(BudgetStatus s) {
        Budget b = s.budget();
        BudgetDraft d = b.draft();
        ObjectNode o = Json.object().put("id", b.id()).put("org_id", b.orgId()).put("scope", d.scope().wire())
                .put("scope_id", d.scopeId()).put("name", d.name()).put("period", d.period().wire())
                .put("amount_usd", d.amountUsd().toPlainString()).put("action", d.action().wire());
        AdminJson.text(o, "downgrade_model", d.downgradeModel());
        ArrayNode t = o.putArray("thresholds");
        d.thresholds().forEach(t::add);
        ArrayNode w = o.putArray("webhooks");
        d.webhooks().forEach(w::add);
        ArrayNode e = o.putArray("emails");
        d.emails().forEach(e::add);
        ObjectNode current = o.putObject("current");
        current.put("period_key", s.periodKey()).put("starts_at", s.periodStart().toString());
        AdminJson.time(current, "ends_at", s.periodEnd());
        current.put("spent_usd", s.spent().toPlainString()).put("reserved_usd", s.reserved().toPlainString())
                .put("remaining_usd", s.remaining().stripTrailingZeros().toPlainString())
                .put("percent_used", s.percentUsed().toPlainString()).put("requests", s.requests());
        ArrayNode fired = current.putArray("alerts_fired");
        s.alertsFired().forEach(fired::add);
        o.put("created_by", b.createdBy()).put("created_at", b.createdAt().toString())
                .put("updated_at", b.updatedAt().toString());
        return o;
    }

    private static ObjectNode anomalies(List<SpendAnomaly> all) {
        ObjectNode root = Json.object();
        ArrayNode data = root.putArray("data");
        for (SpendAnomaly a : all) {
            data.addObject().put("hour", a.bucket().toString()).put("cost_usd", a.cost().stripTrailingZeros().toPlainString())
                    .put("baseline_mean_usd", a.baselineMean().stripTrailingZeros().toPlainString())
                    .put("baseline_stddev_usd", a.baselineStddev().stripTrailingZeros().toPlainString())
                    .put("threshold_usd", a.threshold().stripTrailingZeros().toPlainString())
                    .put("detected_at", a.detectedAt().toString());
        }
        return root;
    }

    private static ObjectNode list(List<BudgetStatus> all) {
        ObjectNode root = Json.object();
        ArrayNode data = root.putArray("data");
        all.forEach(s -> data.add(json(s)));
        return root;
    }

    private static BudgetScope scope(String s) {
        return BudgetScope.parse(s).orElseThrow(() -> invalidChoice("scope", s, BudgetScope.values(), BudgetScope::wire));
    }

    private static BudgetPeriod period(String s) {
        return BudgetPeriod.parse(s).orElseThrow(() -> invalidChoice("period", s, BudgetPeriod.values(),
                BudgetPeriod::wire));
    }

    private static BudgetAction action(String s) {
        return BudgetAction.parse(s).orElseThrow(() -> invalidChoice("action", s, BudgetAction.values(),
                BudgetAction::wire));
    }

    private static <T> TenancyException invalidChoice(String field, String got, T[] values, Function<T, String> wire) {
        return TenancyException.invalid(field, "'" + field + "' must be one of "
                + String.join(", ", Arrays.stream(values).map(wire).toList()) + "; got '" + got + "'.");
    }

    /** {@code amount_usd}: a decimal string such as "25.00" or a JSON number. */
    private static Optional<BigDecimal> money(ObjectNode body) {
        JsonNode n = body.get("amount_usd");
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        try {
            if (n.isNumber()) {
                return Optional.of(n.decimalValue());
            }
            if (n.isTextual()) {
                return Optional.of(new BigDecimal(n.asText().trim()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw TenancyException.invalid("amount_usd", "'amount_usd' must be an amount of US dollars such as \"25.00\".");
    }
}
