package dev.llmgateway.router.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.tenancy.Role;
import dev.llmgateway.tenancy.Tenancy;
import dev.llmgateway.tenancy.user.Invitations;
import dev.llmgateway.tenancy.user.User;
import dev.llmgateway.tenancy.user.Users;

/** {@code /orgs/{org}/users}, {@code /orgs/{org}/invitations} and {@code /platform-admins}. */
final class UserRoutes implements AdminRoutes {

    private static final String USERS = "/orgs/{org}/users";
    private static final String INVITATIONS = "/orgs/{org}/invitations";

    private final Tenancy tenancy;

    UserRoutes(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    @Override
    public void addTo(AdminRouteTable table) {
        table.get(USERS, "List an organization's users (filters: role, status, email)", this::list)
                .post(USERS, "Add a user with a role and a password", this::create)
                .get(USERS + "/{user}", "One user", req -> AdminReply.ok(user(tenancy.users().get(req.actor(),
                        req.path("org"), req.path("user")))))
                .patch(USERS + "/{user}", "Change a user's name, role or status", this::update)
                .delete(USERS + "/{user}", "Remove a user (its sessions end)", req -> {
                    tenancy.users().delete(req.actor(), req.path("org"), req.path("user"));
                    return AdminReply.noContent();
                })
                .get(INVITATIONS, "List an organization's invitations", req -> AdminReply.ok(AdminJson.page(
                        tenancy.invitations().list(req.actor(), req.path("org"), req.page()), UserRoutes::invitation)))
                .post(INVITATIONS, "Invite someone by e-mail with a role; the answer shows the token this once",
                        this::invite)
                .delete(INVITATIONS + "/{invitation}", "Revoke a pending invitation", req -> {
                    tenancy.invitations().revoke(req.actor(), req.path("org"), req.path("invitation"));
                    return AdminReply.noContent();
                })
                .post("/platform-admins", "Create a platform admin user (platform admins)", this::platformAdmin);
    }

    private AdminReply list(AdminRequest req) {
        return AdminReply.ok(AdminJson.page(tenancy.users().list(req.actor(), req.path("org"),
                Bodies.role(req.query("role"), "role"), req.query("status"), req.query("email"), req.page()),
                UserRoutes::user));
    }

    private AdminReply create(AdminRequest req) {
        ObjectNode b = Bodies.only(req.body(), "email", "name", "role", "password");
        Role role = Bodies.role(Bodies.text(b, "role"), "role").orElse(Role.MEMBER);
        return AdminReply.created(user(tenancy.users().create(req.actor(), req.path("org"), new Users.NewUser(
                Bodies.required(b, "email"), Bodies.text(b, "name"), role, Bodies.required(b, "password")))));
    }

    private AdminReply platformAdmin(AdminRequest req) {
        ObjectNode b = Bodies.only(req.body(), "email", "name", "password");
        return AdminReply.created(user(tenancy.users().createPlatformAdmin(req.actor(), new Users.NewUser(
                Bodies.required(b, "email"), Bodies.text(b, "name"), Role.PLATFORM_ADMIN,
                Bodies.required(b, "password")))));
    }

    private AdminReply update(AdminRequest req) {
        ObjectNode b = Bodies.only(req.body(), "name", "role", "status");
        return AdminReply.ok(user(tenancy.users().update(req.actor(), req.path("org"), req.path("user"),
                Bodies.text(b, "name"), Bodies.role(Bodies.text(b, "role"), "role"), Bodies.text(b, "status"))));
    }

    private AdminReply invite(AdminRequest req) {
        ObjectNode b = Bodies.only(req.body(), "email", "role");
        Role role = Bodies.role(Bodies.text(b, "role"), "role").orElse(Role.MEMBER);
        Invitations.Issued issued = tenancy.invitations().create(req.actor(), req.path("org"),
                Bodies.required(b, "email"), role);
        return AdminReply.created(invitation(issued.invitation()).put("token", issued.token()));
    }

    static ObjectNode user(User u) {
        ObjectNode o = Json.object().put("id", u.id());
        AdminJson.text(o, "org_id", u.orgId()).put("email", u.email());
        AdminJson.text(o, "name", u.name()).put("role", u.role().wire()).put("status", u.status());
        AdminJson.time(o, "locked_until", u.lockedUntil());
        AdminJson.time(o, "last_login_at", u.lastLoginAt());
        return o.put("created_at", u.createdAt().toString()).put("updated_at", u.updatedAt().toString());
    }

    static ObjectNode invitation(Invitations.Invitation i) {
        return Json.object().put("id", i.id()).put("org_id", i.orgId()).put("email", i.email())
                .put("role", i.role().wire()).put("invited_by", i.invitedBy()).put("state", i.state())
                .put("created_at", i.createdAt().toString()).put("expires_at", i.expiresAt().toString());
    }

}
