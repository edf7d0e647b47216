package dev.llmgateway.router.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.tenancy.Tenancy;
import dev.llmgateway.tenancy.TenancyException;
import dev.llmgateway.tenancy.user.Logins;
import io.helidon.http.Method;
import java.util.Optional;

/** {@code /auth/*} (log in, log out, who am I) and accepting an invitation. */
final class AuthRoutes implements AdminRoutes {

    private final Tenancy tenancy;

    AuthRoutes(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    @Override
    public void addTo(AdminRouteTable table) {
        table.open(Method.POST, "/auth/login", "Log in with e-mail and password; the answer carries a session token",
                        this::login)
                .post("/auth/logout", "End the session whose token authenticated this call", this::logout)
                .get("/auth/me", "Who the credential of this call belongs to", this::me)
                .open(Method.POST, "/invitations/accept", "Accept an invitation with its token and a password",
                        this::accept);
    }

    private AdminReply login(AdminRequest req) {
        ObjectNode b = Bodies.only(req.body(), "email", "password");
        Logins.Session s = tenancy.logins().login(Bodies.required(b, "email"), Bodies.required(b, "password"),
                req.actor().remoteAddress());
        return AdminReply.ok(Json.object().put("token", s.token()).put("expires_at", s.expiresAt().toString())
                .set("user", UserRoutes.user(s.user())));
    }

    private AdminReply logout(AdminRequest req) {
        Optional<String> token = req.header("authorization").map(String::trim)
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7)).map(v -> v.substring(7).trim())
                .filter(t -> t.startsWith(Logins.PREFIX));
        if (token.isEmpty()) {
            throw TenancyException.invalid("authorization", "Log out with the session token as the bearer credential.");
        }
        tenancy.logins().logout(token.get());
        return AdminReply.noContent();
    }

    private AdminReply me(AdminRequest req) {
        ObjectNode o = Json.object().put("type", req.actor().type().wire()).put("id", req.actor().id())
                .put("role", req.actor().role().wire());
        AdminJson.text(o, "org_id", req.actor().orgId());
        if (req.actor().type() == dev.llmgateway.tenancy.Actor.Type.USER) {
            o.set("user", UserRoutes.user(tenancy.logins().me(req.actor())));
        }
        return AdminReply.ok(o);
    }

    private AdminReply accept(AdminRequest req) {
        ObjectNode b = Bodies.only(req.body(), "token", "password", "name");
        return AdminReply.created(UserRoutes.user(tenancy.invitations().accept(Bodies.required(b, "token"),
                Bodies.required(b, "password"), Bodies.text(b, "name"), req.actor().remoteAddress())));
    }
}
