package dev.llmgateway.router.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.tenancy.Tenancy;
import dev.llmgateway.tenancy.TenancyException;
import dev.llmgateway.tenancy.quota.LimitChange;
import dev.llmgateway.tenancy.quota.LimitSet;
import dev.llmgateway.tenancy.quota.Metric;
import dev.llmgateway.tenancy.quota.Scope;
import dev.llmgateway.tenancy.quota.Slot;
import dev.llmgateway.tenancy.quota.UsageCounters;
import dev.llmgateway.tenancy.quota.UsageReport;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Limits of organizations and keys, and the organization's usage against them:
 * {@code /orgs/{org}/limits}, {@code /orgs/{org}/keys/{key}/limits}, {@code /orgs/{org}/usage}.
 * Requests and tokens are JSON integers; cost is a string of US dollars so it stays exact.
 */
final class QuotaRoutes implements AdminRoutes {

    private final Tenancy tenancy;

    QuotaRoutes(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    @Override
    public void addTo(AdminRouteTable table) {
        table.get("/orgs/{org}/limits", "An organization's limits (requests, tokens, cost per month and year)",
                        req -> AdminReply.ok(json(tenancy.quotas().orgLimits(req.actor(), req.path("org")))))
                .put("/orgs/{org}/limits", "Set or remove (null) an organization's limits; other fields stay",
                        req -> AdminReply.ok(json(tenancy.quotas().setOrgLimits(req.actor(), req.path("org"),
                                change(req.body())))))
                .get("/orgs/{org}/keys/{key}/limits", "A key's own limits",
                        req -> AdminReply.ok(json(tenancy.quotas().keyLimits(req.actor(), req.path("org"),
                                req.path("key")))))
                .put("/orgs/{org}/keys/{key}/limits", "Set or remove (null) a key's own limits; other fields stay",
                        req -> AdminReply.ok(json(tenancy.quotas().setKeyLimits(req.actor(), req.path("org"),
                                req.path("key"), change(req.body())))))
                .get("/orgs/{org}/usage", "This month's and year's counters against the limits, for the "
                        + "organization and each key with limits", req -> AdminReply.ok(json(
                                tenancy.quotas().usage(req.actor(), req.path("org")))));
    }

    /** Each field of the body: a number or numeric string sets a limit, null removes it. */
    static LimitChange change(ObjectNode body) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> removals = new HashSet<>();
        body.fields().forEachRemaining(e -> {
            String field = e.getKey();
            JsonNode v = e.getValue();
            if (Slot.parse(field).isEmpty()) {
                throw TenancyException.invalid(field, "Unknown limit '" + field + "'; the limits are "
                        + Slot.fields() + ".");
            }
            if (v.isNull()) {
                removals.add(field);
            } else if (v.isNumber() || v.isTextual()) {
                values.put(field, v.isBigDecimal() || v.isIntegralNumber() ? v.decimalValue().toPlainString()
                        : v.asText());
            } else {
                throw TenancyException.invalid(field, "'" + field + "' must be a number, a string such as \"25.00\", "
                        + "or null to remove the limit.");
            }
        });
        return LimitChange.of(values, removals);
    }

    static ObjectNode json(LimitSet limits) {
        ObjectNode o = scope(Json.object(), limits.scope());
        ObjectNode values = o.putObject("limits");
        for (Slot slot : Slot.ALL) {
            put(values, slot.field(), slot.metric(), limits.get(slot));
        }
        return AdminJson.time(o, "updated_at", limits.updatedAt());
    }

    static ObjectNode json(UsageReport report) {
        ObjectNode root = Json.object().put("org_id", report.orgId()).put("at", report.at().toString());
        ArrayNode scopes = root.putArray("scopes");
        for (UsageReport.ScopeUsage s : report.scopes()) {
            ObjectNode so = scope(scopes.addObject(), s.scope());
            ArrayNode periods = so.putArray("periods");
            for (UsageReport.PeriodUsage p : s.periods()) {
                ObjectNode po = periods.addObject().put("period", p.period().wire()).put("key", p.key())
                        .put("starts_at", p.start().toString()).put("ends_at", p.end().toString());
                for (Metric m : Metric.values()) {
                    ObjectNode mo = po.putObject(m.wire());
                    put(mo, "used", m, Optional.of(used(p.used(), m)));
                    put(mo, "limit", m, p.limit(m));
                }
            }
        }
        return root;
    }

    private static ObjectNode scope(ObjectNode o, Scope scope) {
        return o.put("scope", scope.type().wire()).put("id", scope.id());
    }

    private static BigDecimal used(UsageCounters used, Metric m) {
        return m == Metric.COST ? used.cost().stripTrailingZeros() : used.of(m);
    }

    /** Whole numbers as JSON integers; cost as plain decimal text. */
    private static void put(ObjectNode o, String field, Metric metric, Optional<BigDecimal> value) {
        if (value.isEmpty()) {
            o.putNull(field);
        } else if (metric.whole()) {
            o.put(field, value.get().longValueExact());
        } else {
            BigDecimal v = value.get();
            o.put(field, (v.scale() < 2 ? v.setScale(2) : v).toPlainString());
        }
    }
}
