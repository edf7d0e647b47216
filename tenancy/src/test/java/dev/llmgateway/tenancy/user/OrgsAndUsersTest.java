package dev.llmgateway.tenancy.user;

import dev.llmgateway.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.store.DatabaseKind;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.PageRequest;
import dev.llmgateway.tenancy.Role;
import dev.llmgateway.tenancy.Tenancy;
import dev.llmgateway.tenancy.TenancyException;
import dev.llmgateway.tenancy.TenancySettings;
import dev.llmgateway.tenancy.audit.AuditQuery;
import dev.llmgateway.tenancy.org.OrgQuery;
import dev.llmgateway.tenancy.org.Organization;
import dev.llmgateway.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OrgsAndUsersTest {

    private static final Actor PLATFORM = Actor.platformAdmin("admin-key");
    private static final String PASSWORD = "a long enough password";

    private static int status(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(TenancyException.class, e).status();
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void orgs_crudFiltersAndIsolation(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind);
             Tenancy ten = new Tenancy(t.database(), TenancySettings.defaults(), Clock.systemUTC())) {
            Organization acme = ten.organizations().create(PLATFORM, "Acme", Optional.of("rockets"));
            Organization globex = ten.organizations().create(PLATFORM, "Globex", Optional.empty());
            assertEquals(2, ten.organizations().list(PLATFORM, new OrgQuery(Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), false), PageRequest.first()).total());
            assertEquals("Acme", ten.organizations().list(PLATFORM, new OrgQuery(Optional.of("CM"), Optional.empty(),
                    Optional.empty(), Optional.empty(), false), PageRequest.first()).items().get(0).name());

            Actor acmeAdmin = Actor.user("usr_x", Optional.of(acme.id()), Role.ADMIN);
            assertEquals(1, ten.organizations().list(acmeAdmin, new OrgQuery(Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), false), PageRequest.first()).total());
            assertEquals(404, status(() -> ten.organizations().get(acmeAdmin, globex.id(), false)));
            assertEquals(404, status(() -> ten.organizations().update(acmeAdmin, globex.id(), Optional.of("x"),
                    Optional.empty())));
            assertEquals("Acme Corp", ten.organizations().update(acmeAdmin, acme.id(), Optional.of("Acme Corp"),
                    Optional.of(Optional.empty())).name());
            assertEquals(403, status(() -> ten.organizations().setActive(acmeAdmin, acme.id(), false)));
            assertEquals(403, status(() -> ten.organizations().create(acmeAdmin, "Mine", Optional.empty())));
            assertEquals(400, status(() -> ten.organizations().create(PLATFORM, " ", Optional.empty())));

            assertEquals("disabled", ten.organizations().setActive(PLATFORM, globex.id(), false).status());
            assertTrue(ten.changes().latest() > 0, "status changes are on the change feed");
            ten.organizations().delete(PLATFORM, globex.id());
            assertEquals(404, status(() -> ten.organizations().get(PLATFORM, globex.id(), false)));
            assertTrue(ten.organizations().get(PLATFORM, globex.id(), true).deletedAt().isPresent(), "history kept");
            assertEquals(5, ten.audit().list(PLATFORM, AuditQuery.all(), PageRequest.first()).total(),
                    "2 creations, an update, a disable and a delete");

            var team = ten.teams().create(acmeAdmin, acme.id(), "Research", Optional.empty());
            assertEquals(1, ten.teams().list(acmeAdmin, acme.id(), PageRequest.first()).total());
            Actor viewer = Actor.user("usr_v", Optional.of(acme.id()), Role.VIEWER);
            assertEquals(403, status(() -> ten.teams().create(viewer, acme.id(), "x", Optional.empty())));
            assertEquals(404, status(() -> ten.teams().get(Actor.user("usr_g", Optional.of(globex.id()), Role.OWNER),
                    acme.id(), team.id())));
            ten.teams().delete(acmeAdmin, acme.id(), team.id());
            assertEquals(0, ten.teams().list(acmeAdmin, acme.id(), PageRequest.first()).total());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void users_rolesOwnersAndEmailReuse(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind);
             Tenancy ten = new Tenancy(t.database(), TenancySettings.defaults(), Clock.systemUTC())) {
            String org = ten.organizations().create(PLATFORM, "Acme", Optional.empty()).id();
            User owner = ten.users().create(PLATFORM, org, new Users.NewUser("Owner@Acme.example", Optional.empty(),
                    Role.OWNER, PASSWORD));
            assertEquals("owner@acme.example", owner.email());
            Actor admin = Actor.user("usr_admin", Optional.of(org), Role.ADMIN);
            assertEquals(403, status(() -> ten.users().create(admin, org, new Users.NewUser("o2@acme.example",
                    Optional.empty(), Role.OWNER, PASSWORD))), "admins do not make owners");
            assertEquals(403, status(() -> ten.users().update(admin, org, owner.id(), Optional.empty(),
                    Optional.of(Role.VIEWER), Optional.empty())), "nor change them");
            User member = ten.users().create(admin, org, new Users.NewUser("m@acme.example", Optional.of("M"),
                    Role.MEMBER, PASSWORD));
            assertEquals(409, status(() -> ten.users().create(admin, org, new Users.NewUser("M@acme.example",
                    Optional.empty(), Role.MEMBER, PASSWORD))));
            assertEquals(400, status(() -> ten.users().create(admin, org, new Users.NewUser("not-an-email",
                    Optional.empty(), Role.MEMBER, PASSWORD))));
            assertEquals(400, status(() -> ten.users().create(admin, org, new Users.NewUser("p@acme.example",
                    Optional.empty(), Role.MEMBER, "short"))));
            assertEquals(Role.VIEWER, ten.users().update(admin, org, member.id(), Optional.empty(),
                    Optional.of(Role.VIEWER), Optional.empty()).role());
            ten.users().delete(admin, org, member.id());
            assertEquals(404, status(() -> ten.users().get(admin, org, member.id())));
            User again = ten.users().create(admin, org, new Users.NewUser("m@acme.example", Optional.empty(),
                    Role.MEMBER, PASSWORD));
            assertFalse(again.id().equals(member.id()), "the address is free again after deletion");
            String other = ten.organizations().create(PLATFORM, "Other", Optional.empty()).id();
            assertEquals(404, status(() -> ten.users().get(admin, other, owner.id())));
            assertEquals(404, status(() -> ten.users().get(admin, org, ten.users().create(PLATFORM, other,
                    new Users.NewUser("x@other.example", Optional.empty(), Role.ADMIN, PASSWORD)).id())));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void login_sessionsExpire_lockoutAfterFailures_evenTheRightPasswordWhileLocked(DatabaseKind kind) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
        TenancySettings s = new TenancySettings(Duration.ofHours(1), 3, Duration.ofMinutes(10),
                Duration.ofHours(1), Duration.ofDays(1), Duration.ofSeconds(2));
        try (TestDatabase t = TestDatabase.open(kind); Tenancy ten = new Tenancy(t.database(), s, clock)) {
            String org = ten.organizations().create(PLATFORM, "Acme", Optional.empty()).id();
            ten.users().create(PLATFORM, org, new Users.NewUser("ada@acme.example", Optional.empty(), Role.ADMIN,
                    PASSWORD));

            Logins.Session session = ten.logins().login("ADA@acme.example", PASSWORD, Optional.of("127.0.0.1"));
            assertTrue(session.token().startsWith("lgws_"));
            Actor actor = ten.logins().resolve(session.token()).orElseThrow();
            assertEquals(Role.ADMIN, actor.role());
            assertEquals(Optional.of(org), actor.orgId());
            assertTrue(ten.logins().resolve("lgw_not_a_session").isEmpty(), "other credential forms are not ours");

            TenancyException unknown = assertThrows(TenancyException.class,
                    () -> ten.logins().login("nobody@acme.example", PASSWORD, Optional.empty()));
            TenancyException wrong = assertThrows(TenancyException.class,
                    () -> ten.logins().login("ada@acme.example", "wrong password!!", Optional.empty()));
            assertEquals(unknown.code(), wrong.code(), "unknown e-mail and wrong password look the same");
            assertEquals(401, wrong.status());
            assertThrows(TenancyException.class, () -> ten.logins().login("ada@acme.example", "wrong again!!!",
                    Optional.empty()));
            assertThrows(TenancyException.class, () -> ten.logins().login("ada@acme.example", "third wrong!!!",
                    Optional.empty()));
            TenancyException locked = assertThrows(TenancyException.class,
                    () -> ten.logins().login("ada@acme.example", PASSWORD, Optional.empty()));
            assertEquals(423, locked.status());
            assertEquals(600, locked.retryAfterSeconds().orElseThrow(), 1);
            clock.advance(Duration.ofMinutes(10).plusSeconds(1));
            Logins.Session later = ten.logins().login("ada@acme.example", PASSWORD, Optional.empty());

            clock.advance(Duration.ofMinutes(59));
            assertTrue(ten.logins().resolve(later.token()).isPresent());
            clock.advance(Duration.ofMinutes(2));
            assertEquals("session_expired", assertThrows(TenancyException.class,
                    () -> ten.logins().resolve(later.token())).code());
            Logins.Session third = ten.logins().login("ada@acme.example", PASSWORD, Optional.empty());
            ten.logins().logout(third.token());
            assertEquals(401, assertThrows(TenancyException.class, () -> ten.logins().resolve(third.token())).status());
            Logins.Session fourth = ten.logins().login("ada@acme.example", PASSWORD, Optional.empty());
            ten.organizations().setActive(PLATFORM, org, false);
            assertEquals(401, assertThrows(TenancyException.class, () -> ten.logins().resolve(fourth.token())).status(),
                    "a disabled organization's sessions stop working");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void invitations_acceptOnce_expireAndRevoke(DatabaseKind kind) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
        try (TestDatabase t = TestDatabase.open(kind);
             Tenancy ten = new Tenancy(t.database(), TenancySettings.defaults(), clock)) {
            String org = ten.organizations().create(PLATFORM, "Acme", Optional.empty()).id();
            Actor admin = Actor.user("usr_admin", Optional.of(org), Role.ADMIN);
            Invitations.Issued inv = ten.invitations().create(admin, org, "new@acme.example", Role.MEMBER);
            assertTrue(inv.token().startsWith("lgwi_"));
            User joined = ten.invitations().accept(inv.token(), PASSWORD, Optional.of("New"), Optional.empty());
            assertEquals(Role.MEMBER, joined.role());
            assertEquals(Optional.of(org), joined.orgId());
            assertEquals("invitation_used", assertThrows(TenancyException.class,
                    () -> ten.invitations().accept(inv.token(), PASSWORD, Optional.empty(), Optional.empty())).code());
            assertTrue(ten.logins().login("new@acme.example", PASSWORD, Optional.empty()).token().startsWith("lgws_"));

            Invitations.Issued late = ten.invitations().create(admin, org, "late@acme.example", Role.VIEWER);
            clock.advance(Duration.ofDays(8));
            assertEquals("invitation_expired", assertThrows(TenancyException.class,
                    () -> ten.invitations().accept(late.token(), PASSWORD, Optional.empty(), Optional.empty())).code());
            Invitations.Issued revoked = ten.invitations().create(admin, org, "rev@acme.example", Role.VIEWER);
            ten.invitations().revoke(admin, org, revoked.invitation().id());
            assertEquals("invitation_revoked", assertThrows(TenancyException.class,
                    () -> ten.invitations().accept(revoked.token(), PASSWORD, Optional.empty(), Optional.empty())).code());
            assertEquals(403, status(() -> ten.invitations().create(admin, org, "o@acme.example", Role.OWNER)));
            assertEquals(3, ten.invitations().list(admin, org, PageRequest.first()).total());
        }
    }
}
