package dev.llmgateway.router.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.tenancy.Page;
import dev.llmgateway.tenancy.Tenancy;
import dev.llmgateway.tenancy.audit.AuditLog;
import dev.llmgateway.tenancy.audit.AuditQuery;
import dev.llmgateway.tenancy.audit.AuditRecord;

/** {@code /audit}: reading and verifying the audit log. */
final class AuditRoutes implements AdminRoutes {

    private final Tenancy tenancy;

    AuditRoutes(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    @Override
    public void addTo(AdminRouteTable table) {
        table.get("/audit", "List audit log entries, newest first (filters: org_id, action, actor_id, target_id, "
                        + "from, to)", this::list)
                .get("/audit/verify", "Check the audit log's hash chain (platform admins)", this::verify);
    }

    private AdminReply list(AdminRequest req) {
        AuditQuery query = new AuditQuery(req.query("org_id"), req.query("action"), req.query("actor_id"),
                req.query("target_id"), req.queryTime("from"), req.queryTime("to"));
        Page<AuditRecord> page = tenancy.audit().list(req.actor(), query, req.page());
        return AdminReply.ok(AdminJson.page(page, AuditRoutes::json));
    }

    private AdminReply verify(AdminRequest req) {
        req.actor().requirePlatform("verify the audit log");
        AuditLog.Verification v = tenancy.audit().verify();
        ObjectNode root = Json.object().put("intact", v.intact()).put("rows_checked", v.rowsChecked())
                .put("message", v.message());
        v.firstBadSeq().ifPresent(seq -> root.put("first_bad_seq", seq));
        return AdminReply.ok(root);
    }

    static ObjectNode json(AuditRecord r) {
        ObjectNode o = Json.object().put("seq", r.seq()).put("id", r.id()).put("at", r.at().toString());
        o.putObject("actor").put("type", r.actorType()).put("id", r.actorId());
        r.orgId().ifPresentOrElse(org -> o.put("org_id", org), () -> o.putNull("org_id"));
        o.put("action", r.action());
        ObjectNode target = o.putObject("target").put("type", r.targetType());
        r.targetId().ifPresentOrElse(id -> target.put("id", id), () -> target.putNull("id"));
        r.remoteAddress().ifPresentOrElse(a -> o.put("remote_address", a), () -> o.putNull("remote_address"));
        o.set("details", r.details());
        o.put("hash", r.hash());
        return o;
    }

}
