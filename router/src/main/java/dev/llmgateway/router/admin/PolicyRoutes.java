package dev.llmgateway.router.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.router.route.PolicyDocument;
import dev.llmgateway.router.route.RoutingPolicies;
import dev.llmgateway.tenancy.TenancyException;
import java.util.List;
import java.util.Optional;

/**
 * {@code /policies}: smart-routing policies. Those of the configuration file are listed with
 * {@code source: config} and cannot be changed here; those created here ({@code source: api}) are
 * stored, versioned and audited, applied at once on this instance and within {@code
 * tenancy.cache-sync} on the others. A body with problems is a 400 naming every one ({@code
 * error.problems}); {@code POST /policies/validate} checks a body without saving it. Platform
 * admins only.
 */
final class PolicyRoutes implements AdminRoutes {

    private final RoutingPolicies policies;

    PolicyRoutes(RoutingPolicies policies) {
        this.policies = policies;
    }

    @Override
    public void addTo(AdminRouteTable table) {
        table.get("/policies", "Routing policies: the configuration file's (source config, read-only) and those "
                        + "created here (source api)", guarded(req -> {
                            policies.reload();
                            ObjectNode root = Json.object().put("revision", policies.revision());
                            ArrayNode data = root.putArray("data");
                            policies.list().forEach(v -> data.add(view(v)));
                            return AdminReply.ok(root);
                        }))
                .post("/policies/validate", "Check a routing policy body without saving it: every problem with its "
                        + "field", guarded(req -> {
                            List<PolicyDocument.Problem> problems = policies.validate(Optional.empty(), req.body());
                            ObjectNode root = Json.object().put("valid", problems.isEmpty());
                            root.set("problems", problems(problems));
                            return AdminReply.ok(root);
                        }))
                .post("/policies", "Create a routing policy ({\"name\", \"candidates\": [...], ...}); clients use it "
                        + "as their model at once", guarded(req -> AdminReply.created(view(policies.create(req.actor(),
                                req.body())))))
                .get("/policies/{name}", "One routing policy", guarded(req -> AdminReply.ok(view(policies.get(
                        req.path("name")).orElseThrow(() -> TenancyException.notFound("routing policy",
                        req.path("name")))))))
                .put("/policies/{name}", "Replace a routing policy created through this API (a new version)",
                        guarded(req -> AdminReply.ok(view(policies.replace(req.actor(), req.path("name"), req.body())))))
                .delete("/policies/{name}", "Delete a routing policy created through this API; its name is no model "
                        + "any more", guarded(req -> {
                            policies.delete(req.actor(), req.path("name"));
                            return AdminReply.noContent();
                        }));
    }

    /** Platform admins only; a body with problems answers 400 with all of them. */
    private static AdminHandler guarded(AdminHandler handler) {
        return req -> {
            req.actor().requirePlatform("manage routing policies");
            try {
                return handler.handle(req);
            } catch (RoutingPolicies.Invalid e) {
                String field = e.problems().isEmpty() ? null : e.problems().get(0).field();
                ObjectNode body = AdminRouteTable.error(e.getMessage(), "invalid_request_error", "invalid_policy", field);
                ((ObjectNode) body.path("error")).set("problems", problems(e.problems()));
                return new AdminReply(400, body, java.util.Map.of());
            }
        };
    }

    private static ArrayNode problems(List<PolicyDocument.Problem> problems) {
        ArrayNode list = Json.object().arrayNode();
        problems.forEach(p -> list.addObject().put("field", p.field()).put("message", p.message()));
        return list;
    }

    private static ObjectNode view(RoutingPolicies.View v) {
        ObjectNode o = Json.object().put("name", v.name()).put("source", v.source());
        v.stored().ifPresent(s -> o.put("version", s.version()).put("updated_by", s.updatedBy())
                .put("updated_at", s.updatedAt().toString()));
        o.put("active", v.problems().isEmpty());
        if (!v.problems().isEmpty()) {
            o.set("problems", problems(v.problems()));
        }
        o.setAll(v.document());
        return o;
    }
}
