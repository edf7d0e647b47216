package dev.llmgateway.router.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.PageRequest;
import dev.llmgateway.tenancy.Role;
import dev.llmgateway.tenancy.Tenancy;
import dev.llmgateway.tenancy.org.OrgQuery;
import dev.llmgateway.tenancy.org.Organization;
import dev.llmgateway.tenancy.org.Team;
import dev.llmgateway.tenancy.user.User;
import java.util.Optional;

/** {@code /orgs} and {@code /orgs/{org}/teams}: organizations and their teams. */
final class OrgRoutes implements AdminRoutes {

    private static final String ORG = "/orgs/{org}";
    private static final String TEAMS = ORG + "/teams";

    private final Tenancy tenancy;

    OrgRoutes(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    @Override
    public void addTo(AdminRouteTable table) {
        table.get("/orgs", "List organizations (filters: name, status, created_after, created_before, "
                        + "include_deleted for platform admins)", this::list)
                .post("/orgs", "Create an organization (platform admins)", this::create)
                .get(ORG, "One organization, with its owners and admins", this::get)
                .patch(ORG, "Rename or re-describe an organization (its owners and admins)", this::update)
                .post(ORG + "/disable", "Disable an organization: its keys and users are refused (platform admins)",
                        req -> setActive(req, false))
                .post(ORG + "/enable", "Enable a disabled organization (platform admins)", req -> setActive(req, true))
                .delete(ORG, "Delete an organization, keeping its history (platform admins)", this::delete)
                .get(TEAMS, "List an organization's teams", this::teams)
                .post(TEAMS, "Create a team", this::createTeam)
                .get(TEAMS + "/{team}", "One team", req -> AdminReply.ok(team(tenancy.teams().get(req.actor(),
                        req.path("org"), req.path("team")))))
                .patch(TEAMS + "/{team}", "Rename or re-describe a team", this::updateTeam)
                .delete(TEAMS + "/{team}", "Delete a team", req -> {
                    tenancy.teams().delete(req.actor(), req.path("org"), req.path("team"));
                    return AdminReply.noContent();
                });
    }

    private AdminReply list(AdminRequest req) {
        OrgQuery q = new OrgQuery(req.query("name"), req.query("status"), req.queryTime("created_after"),
                req.queryTime("created_before"), req.query("include_deleted").map(Boolean::parseBoolean).orElse(false));
        return AdminReply.ok(AdminJson.page(tenancy.organizations().list(req.actor(), q, req.page()), this::org));
    }

    private AdminReply create(AdminRequest req) {
        ObjectNode b = Bodies.only(req.body(), "name", "description");
        return AdminReply.created(org(tenancy.organizations().create(req.actor(), Bodies.required(b, "name"),
                Bodies.text(b, "description"))));
    }

    private AdminReply get(AdminRequest req) {
        boolean deleted = req.query("include_deleted").map(Boolean::parseBoolean).orElse(false);
        return AdminReply.ok(org(tenancy.organizations().get(req.actor(), req.path("org"), deleted)));
    }

    private AdminReply update(AdminRequest req) {
        ObjectNode b = Bodies.only(req.body(), "name", "description");
        return AdminReply.ok(org(tenancy.organizations().update(req.actor(), req.path("org"), Bodies.text(b, "name"),
                Bodies.nullable(b, "description"))));
    }

    private AdminReply setActive(AdminRequest req, boolean active) {
        return AdminReply.ok(org(tenancy.organizations().setActive(req.actor(), req.path("org"), active)));
    }

    private AdminReply delete(AdminRequest req) {
        tenancy.organizations().delete(req.actor(), req.path("org"));
        return AdminReply.noContent();
    }

    private AdminReply teams(AdminRequest req) {
        return AdminReply.ok(AdminJson.page(tenancy.teams().list(req.actor(), req.path("org"), req.page()),
                OrgRoutes::team));
    }

    private AdminReply createTeam(AdminRequest req) {
        ObjectNode b = Bodies.only(req.body(), "name", "description");
        return AdminReply.created(team(tenancy.teams().create(req.actor(), req.path("org"), Bodies.required(b, "name"),
                Bodies.text(b, "description"))));
    }

    private AdminReply updateTeam(AdminRequest req) {
        ObjectNode b = Bodies.only(req.body(), "name", "description");
        return AdminReply.ok(team(tenancy.teams().update(req.actor(), req.path("org"), req.path("team"),
                Bodies.text(b, "name"), Bodies.nullable(b, "description"))));
    }

    private ObjectNode org(Organization o) {
        ObjectNode json = Json.object().put("id", o.id()).put("name", o.name());
        AdminJson.text(json, "description", o.description()).put("status", o.deletedAt().isPresent() ? "deleted"
                : o.status());
        json.put("created_at", o.createdAt().toString()).put("updated_at", o.updatedAt().toString());
        AdminJson.time(json, "deleted_at", o.deletedAt());
        ArrayNode admins = json.putArray("admins");
        if (o.deletedAt().isEmpty()) {
            // read as the system: the caller may see the organization, so it may see who runs it
            for (Role role : new Role[] {Role.OWNER, Role.ADMIN}) {
                for (User u : tenancy.users().list(Actor.system(), o.id(), Optional.of(role), Optional.of("active"),
                        Optional.empty(), new PageRequest(0, PageRequest.MAX_LIMIT)).items()) {
                    admins.addObject().put("id", u.id()).put("email", u.email()).put("role", u.role().wire());
                }
            }
        }
        return json;
    }

    static ObjectNode team(Team t) {
        ObjectNode json = Json.object().put("id", t.id()).put("org_id", t.orgId()).put("name", t.name());
        AdminJson.text(json, "description", t.description());
        return json.put("created_at", t.createdAt().toString()).put("updated_at", t.updatedAt().toString());
    }
}
