package dev.llmgateway.router.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.cost.report.ReportQuery;
import dev.llmgateway.cost.report.ReportRow;
import dev.llmgateway.cost.report.UsageReports;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.Role;
import dev.llmgateway.tenancy.Tenancy;
import dev.llmgateway.tenancy.TenancyException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /reports}: usage and cost by time bucket and group, as JSON or CSV, and the month-end
 * forecast. Platform admins report on any organization (or all); everyone else on its own only.
 */
final class ReportRoutes implements AdminRoutes {

    private static final String CSV_HEADER = "requests,errors,input_tokens,output_tokens,cache_write_tokens,"
            + "cache_read_tokens,reasoning_tokens,cost_usd";

    private final Tenancy tenancy;
    private final UsageReports reports;

    ReportRoutes(Tenancy tenancy) {
        this.tenancy = tenancy;
        this.reports = new UsageReports(tenancy.database());
    }

    @Override
    public void addTo(AdminRouteTable table) {
        table.get("/reports/usage", "Usage and cost by time bucket and group (from, to, granularity=hour|day|"
                        + "month|total, group_by=org_id,team_id,key_id,model,provider, org_id, model, key_id, "
                        + "format=json|csv)", this::usage)
                .get("/reports/forecast", "This month's spend so far and its projected total (org_id)",
                        this::forecast)
                .get("/reports/top", "The largest groups by cost, requests, tokens or errors (by=org_id|team_id|"
                        + "key_id|model|provider, rank=cost|requests|tokens|errors, n=10, from, to, org_id)", this::top);
    }

    private AdminReply top(AdminRequest req) {
        Instant now = tenancy.clock().instant();
        Instant from = req.queryTime("from").orElse(YearMonth.from(now.atZone(ZoneOffset.UTC)).atDay(1).atStartOfDay()
                .toInstant(ZoneOffset.UTC));
        Instant to = req.queryTime("to").orElse(from.atZone(ZoneOffset.UTC).plusMonths(1).toInstant());
        if (!from.isBefore(to)) {
            throw TenancyException.invalid("from", "'from' must be before 'to'.");
        }
        String by = req.query("by").orElse("key_id");
        if (!ReportQuery.DIMENSIONS.contains(by)) {
            throw TenancyException.invalid("by", "'by' must be one of org_id, team_id, key_id, model, provider.");
        }
        UsageReports.Rank rank;
        try {
            rank = UsageReports.Rank.valueOf(req.query("rank").orElse("cost").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw TenancyException.invalid("rank", "'rank' must be cost, requests, tokens or errors.");
        }
        int n;
        try {
            n = Integer.parseInt(req.query("n").orElse("10"));
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > 1000) {
            throw TenancyException.invalid("n", "'n' must be a whole number from 1 to 1000.");
        }
        Optional<String> org = scope(req.actor(), req.query("org_id"));
        ObjectNode root = Json.object().put("from", from.toString()).put("to", to.toString()).put("by", by)
                .put("rank", rank.name().toLowerCase(Locale.ROOT));
        ArrayNode data = root.putArray("data");
        reports.top(from, to, by, rank, n, org).forEach(r -> data.add(json(r)));
        return AdminReply.ok(root);
    }

    private AdminReply usage(AdminRequest req) {
        Instant now = tenancy.clock().instant();
        Instant monthStart = YearMonth.from(now.atZone(ZoneOffset.UTC)).atDay(1).atStartOfDay()
                .toInstant(ZoneOffset.UTC);
        Instant from = req.queryTime("from").orElse(monthStart);
        Instant to = req.queryTime("to").orElse(from.atZone(ZoneOffset.UTC).plusMonths(1).toInstant());
        ReportQuery.Granularity g = granularity(req.query("granularity").orElse("day"));
        List<String> groupBy = req.query("group_by").map(s -> Arrays.stream(s.split(",")).map(String::trim)
                .filter(x -> !x.isEmpty()).toList()).orElse(List.of());
        ReportQuery q;
        try {
            q = new ReportQuery(from, to, g, groupBy, scope(req.actor(), req.query("org_id")), req.query("model"),
                    req.query("key_id"));
        } catch (IllegalArgumentException e) {
            throw TenancyException.invalid(e.getMessage().contains("group") ? "group_by" : "from", e.getMessage() + ".");
        }
        List<ReportRow> rows = reports.report(q);
        if (req.query("format").orElse("json").equalsIgnoreCase("csv")) {
            return AdminReply.text(200, "text/csv; charset=utf-8", csv(rows, q));
        }
        ObjectNode root = Json.object().put("from", from.toString()).put("to", to.toString())
                .put("granularity", g.name().toLowerCase(Locale.ROOT));
        ArrayNode data = root.putArray("data");
        rows.forEach(r -> data.add(json(r)));
        return AdminReply.ok(root);
    }

    private AdminReply forecast(AdminRequest req) {
        Optional<String> org = scope(req.actor(), req.query("org_id"));
        UsageReports.Forecast f = reports.forecast(org, tenancy.clock().instant());
        ObjectNode o = Json.object().put("month", f.month()).put("spent_usd", f.spentUsd().toPlainString())
                .put("projected_usd", f.projectedUsd().toPlainString());
        AdminJson.text(o, "org_id", org);
        return AdminReply.ok(o);
    }

    /** The organization a caller may report on: its own; a platform admin any, or all when none given. */
    private static Optional<String> scope(Actor actor, Optional<String> asked) {
        if (actor.platformWide()) {
            return asked;
        }
        String own = actor.orgId().orElseThrow(() -> TenancyException.forbidden("This caller has no organization."));
        if (asked.isPresent() && !asked.get().equals(own)) {
            throw TenancyException.notFound("organization", asked.get());
        }
        actor.require(own, Role.VIEWER, "read usage");
        return Optional.of(own);
    }

    private static ReportQuery.Granularity granularity(String text) {
        try {
            return ReportQuery.Granularity.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw TenancyException.invalid("granularity", "'granularity' must be hour, day, month or total.");
        }
    }

    private static ObjectNode json(ReportRow r) {
        ObjectNode o = Json.object();
        r.bucket().ifPresent(b -> o.put("bucket", b.toString()));
        r.group().forEach(o::put);
        return o.put("requests", r.requests()).put("errors", r.errors()).put("input_tokens", r.inputTokens())
                .put("output_tokens", r.outputTokens()).put("cache_write_tokens", r.cacheWriteTokens())
                .put("cache_read_tokens", r.cacheReadTokens()).put("reasoning_tokens", r.reasoningTokens())
                .put("cost_usd", r.costUsd().stripTrailingZeros().toPlainString());
    }

    private static String csv(List<ReportRow> rows, ReportQuery q) {
        StringBuilder sb = new StringBuilder();
        if (q.granularity() != ReportQuery.Granularity.TOTAL) {
            sb.append("bucket,");
        }
        q.groupBy().forEach(d -> sb.append(d).append(','));
        sb.append(CSV_HEADER).append('\n');
        for (ReportRow r : rows) {
            r.bucket().ifPresent(b -> sb.append(b).append(','));
            q.groupBy().forEach(d -> sb.append(cell(r.group().get(d))).append(','));
            sb.append(r.requests()).append(',').append(r.errors()).append(',').append(r.inputTokens()).append(',')
                    .append(r.outputTokens()).append(',').append(r.cacheWriteTokens()).append(',')
                    .append(r.cacheReadTokens()).append(',').append(r.reasoningTokens()).append(',')
                    .append(r.costUsd().stripTrailingZeros().toPlainString()).append('\n');
        }
        return sb.toString();
    }

    /** A CSV cell, quoted when needed; a leading formula character is neutralised (spreadsheet injection). */
    private static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
