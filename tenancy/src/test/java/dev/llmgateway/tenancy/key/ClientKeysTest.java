package dev.llmgateway.tenancy.key;

import dev.llmgateway.testing.MutableClock;
import static dev.llmgateway.tenancy.key.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.core.auth.ClientIdentity.RateLimits;
import dev.llmgateway.core.auth.Permission;
import dev.llmgateway.security.keys.ApiKeys;
import dev.llmgateway.store.Database;
import dev.llmgateway.store.DatabaseKind;
import dev.llmgateway.store.Rows;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.Page;
import dev.llmgateway.tenancy.PageRequest;
import dev.llmgateway.tenancy.Role;
import dev.llmgateway.tenancy.Tenancy;
import dev.llmgateway.tenancy.TenancyException;
import dev.llmgateway.tenancy.TenancySettings;
import dev.llmgateway.tenancy.audit.AuditQuery;
import dev.llmgateway.tenancy.audit.AuditRecord;
import dev.llmgateway.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Key management against H2 and PostgreSQL: settings, validation, who may do what, history. */
class ClientKeysTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Actor PLATFORM = Actor.platformAdmin("admin-key");
    private static final Actor ADMIN_A = Actor.user("usr_admin", Optional.of("org_a"), Role.ADMIN);
    private static final Actor MEMBER_A = Actor.user("usr_member", Optional.of("org_a"), Role.MEMBER);
    private static final Actor OTHER_MEMBER_A = Actor.user("usr_member2", Optional.of("org_a"), Role.MEMBER);
    private static final Actor VIEWER_A = Actor.user("usr_viewer", Optional.of("org_a"), Role.VIEWER);
    private static final Actor ADMIN_B = Actor.user("usr_admin_b", Optional.of("org_b"), Role.ADMIN);

    /** Runs {@code body} with a Tenancy over a fresh database holding org_a (with team_a), org_b (with team_b) and a disabled org_off. */
    private static void with(DatabaseKind kind, Consumer<Ctx> body) {
        try (TestDatabase t = TestDatabase.open(kind)) {
            Database db = t.database();
            Fixtures.org(db, "org_a", "active");
            Fixtures.org(db, "org_b", "active");
            Fixtures.org(db, "org_off", "disabled");
            Fixtures.team(db, "team_a", "org_a");
            Fixtures.team(db, "team_b", "org_b");
            MutableClock clock = new MutableClock(T0);
            try (Tenancy tenancy = new Tenancy(db, TenancySettings.defaults(), clock)) {
                body.accept(new Ctx(db, tenancy, tenancy.clientKeys(), clock));
            }
        }
    }

    private record Ctx(Database db, Tenancy tenancy, ClientKeys keys, MutableClock clock) {
        long count(String sql, Object... params) {
            return db.execute().get(sql, params).map(r -> Rows.requiredLong(r, "n")).orElseThrow();
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static TenancyException fails(int status, Executable call) {
        TenancyException e = assertThrows(TenancyException.class, call);
        assertEquals(status, e.status(), e.getMessage());
        return e;
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void create_everySetting_readsBackAndSecretIsOnlyHashed(DatabaseKind kind) {
        with(kind, c -> {
            KeySettings s = KeyInput.create(json("""
                    {"name":" CI pipeline ","description":"nightly","team_id":"team_a","permission":"read_only",
                     "allowed_models":["openai/*","claude-*"],"allowed_cidrs":["10.0.0.0/8","2001:db8::/32","192.0.2.7"],
                     "expires_at":"2027-01-01T00:00:00Z","limits":{"rpm":60,"tpm":100000,"concurrency":4}}"""));
            IssuedKey issued = c.keys().create(ADMIN_A, "org_a", s);

            assertTrue(issued.secret().startsWith("lgw_"));
            assertEquals(ApiKeys.publicId(issued.secret()), issued.key().prefix());
            assertFalse(issued.toString().contains(issued.secret()));
            ClientKey read = c.keys().get(VIEWER_A, "org_a", issued.key().id());
            assertEquals(issued.key(), read);
            KeySettings r = read.settings();
            assertEquals("CI pipeline", r.name());
            assertEquals(Optional.of("nightly"), r.description());
            assertEquals(Optional.of("team_a"), r.teamId());
            assertEquals(Permission.READ_ONLY, r.permission());
            assertEquals(List.of("openai/*", "claude-*"), r.allowedModels());
            assertEquals(List.of("10.0.0.0/8", "2001:db8::/32", "192.0.2.7"), r.allowedCidrs());
            assertEquals(Optional.of(Instant.parse("2027-01-01T00:00:00Z")), r.expiresAt());
            assertEquals(new RateLimits(60, 100_000, 4), r.limits());
            assertEquals("usr_admin", read.createdBy());
            assertEquals(T0, read.createdAt());
            assertEquals(KeyStatus.ACTIVE, read.status(T0));

            assertEquals(1, c.count("SELECT COUNT(*) AS n FROM api_keys WHERE secret_hash = ?",
                    ApiKeys.hash(issued.secret())));
            assertEquals(0, c.count("SELECT COUNT(*) AS n FROM api_keys WHERE secret_hash = ? OR prefix = ?",
                    issued.secret(), issued.secret()));
        });
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void everyChange_isAuditedWithoutSecret_andFedToTheChangeFeed(DatabaseKind kind) {
        with(kind, c -> {
            IssuedKey k = c.keys().create(ADMIN_A, "org_a", KeySettings.named("a"));
            String id = k.key().id();
            c.keys().update(ADMIN_A, "org_a", id, s -> s.withName("b"));
            c.keys().setEnabled(ADMIN_A, "org_a", id, false);
            c.keys().setEnabled(ADMIN_A, "org_a", id, true);
            IssuedKey rotated = c.keys().rotate(ADMIN_A, "org_a", id, Duration.ofMinutes(5));
            c.keys().delete(ADMIN_A, "org_a", id);

            Page<AuditRecord> audit = c.tenancy().audit().list(PLATFORM, AuditQuery.all(), PageRequest.first());
            assertEquals(List.of("key.delete", "key.rotate", "key.enable", "key.disable", "key.update", "key.create"),
                    audit.items().stream().map(AuditRecord::action).toList());
            for (AuditRecord r : audit.items()) {
                assertEquals(Optional.of(id), r.targetId());
                assertEquals(Optional.of("org_a"), r.orgId());
                String details = r.details().toString();
                for (String secret : List.of(k.secret(), rotated.secret(), ApiKeys.hash(k.secret()),
                        ApiKeys.hash(rotated.secret()))) {
                    assertFalse(details.contains(secret), details);
                }
            }
            assertEquals("b", audit.items().get(4).details().path("name").path("to").asText());
            assertEquals(300, audit.items().get(1).details().path("grace_seconds").asLong());
            assertEquals(6, c.count("SELECT COUNT(*) AS n FROM tenancy_changes WHERE entity = 'key' AND entity_id = ?",
                    id));
            assertTrue(c.tenancy().audit().verify().intact());
        });
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void create_badInput_is400NamingTheField_andWritesNothing(DatabaseKind kind) {
        with(kind, c -> {
            record Case(String body, String param) {
            }
            List<Case> cases = List.of(
                    new Case("{\"name\":\"   \"}", "name"),
                    new Case("{\"name\":\"" + "x".repeat(201) + "\"}", "name"),
                    new Case("{\"name\":\"k\",\"allowed_cidrs\":[\"10.0.0.0/33\"]}", "allowed_cidrs"),
                    new Case("{\"name\":\"k\",\"allowed_cidrs\":[\"example.com\"]}", "allowed_cidrs"),
                    new Case("{\"name\":\"k\",\"allowed_models\":[\" \"]}", "allowed_models"),
                    new Case("{\"name\":\"k\",\"expires_at\":\"2026-11-22T09:59:59Z\"}", "expires_at"),
                    new Case("{\"name\":\"k\",\"team_id\":\"team_b\"}", "team_id"),
                    new Case("{\"name\":\"k\",\"team_id\":\"team_nope\"}", "team_id"));
            for (Case cs : cases) {
                TenancyException e = fails(400, () -> c.keys().create(ADMIN_A, "org_a", KeyInput.create(json(cs.body()))));
                assertEquals(Optional.of(cs.param()), e.param(), cs.body());
            }
            assertEquals(0, c.count("SELECT COUNT(*) AS n FROM api_keys"));
            assertEquals(0, c.count("SELECT COUNT(*) AS n FROM audit_log"));
            assertEquals(0, c.count("SELECT COUNT(*) AS n FROM tenancy_changes"));
        });
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void list_filtersAndPages(DatabaseKind kind) {
        with(kind, c -> {
            String alpha = c.keys().create(ADMIN_A, "org_a", KeySettings.named("Alpha")).key().id();
            c.clock().advance(Duration.ofMinutes(1));
            String beta = c.keys().create(ADMIN_A, "org_a", KeySettings.named("beta_1").withTeam(Optional.of("team_a"))
                    .withExpiresAt(Optional.of(T0.plus(Duration.ofMinutes(30))))).key().id();
            c.clock().advance(Duration.ofMinutes(1));
            String gamma = c.keys().create(ADMIN_A, "org_a", KeySettings.named("gamma")).key().id();
            c.keys().setEnabled(ADMIN_A, "org_a", gamma, false);
            c.keys().create(ADMIN_B, "org_b", KeySettings.named("alpha in b"));
            String deleted = c.keys().create(ADMIN_A, "org_a", KeySettings.named("alpha deleted")).key().id();
            c.keys().delete(ADMIN_A, "org_a", deleted);
            c.clock().advance(Duration.ofHours(1));

            assertEquals(List.of(gamma, beta, alpha), ids(c, KeyQuery.all()));
            assertEquals(List.of(alpha), ids(c, query(Optional.of("ALPH"), Optional.empty(), Optional.empty())));
            assertEquals(List.of(beta), ids(c, query(Optional.of("a_"), Optional.empty(), Optional.empty())),
                    "_ is a plain character, not a LIKE wildcard");
            assertEquals(List.of(alpha), ids(c, query(Optional.empty(), Optional.of(KeyStatus.ACTIVE), Optional.empty())));
            assertEquals(List.of(beta), ids(c, query(Optional.empty(), Optional.of(KeyStatus.EXPIRED), Optional.empty())));
            assertEquals(List.of(gamma), ids(c, query(Optional.empty(), Optional.of(KeyStatus.DISABLED), Optional.empty())));
            assertEquals(List.of(beta), ids(c, query(Optional.empty(), Optional.empty(), Optional.of("team_a"))));
            assertEquals(List.of(gamma, beta), ids(c, new KeyQuery(Optional.empty(), Optional.empty(),
                    Optional.of(T0.plusSeconds(60)), Optional.empty(), Optional.empty())));
            assertEquals(List.of(alpha), ids(c, new KeyQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(T0.plusSeconds(60)), Optional.empty())));

            Page<ClientKey> first = c.keys().list(VIEWER_A, "org_a", KeyQuery.all(), new PageRequest(0, 2));
            assertEquals(3, first.total());
            assertTrue(first.hasMore());
            Page<ClientKey> second = c.keys().list(VIEWER_A, "org_a", KeyQuery.all(), new PageRequest(2, 2));
            assertEquals(List.of(alpha), second.items().stream().map(ClientKey::id).toList());
            assertFalse(second.hasMore());
        });
    }

    private static KeyQuery query(Optional<String> name, Optional<KeyStatus> status, Optional<String> team) {
        return new KeyQuery(name, status, Optional.empty(), Optional.empty(), team);
    }

    private static List<String> ids(Ctx c, KeyQuery q) {
        return c.keys().list(VIEWER_A, "org_a", q, PageRequest.first()).items().stream().map(ClientKey::id).toList();
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void update_patch_changesOnlyTheGivenFields(DatabaseKind kind) {
        with(kind, c -> {
            ClientKey k = c.keys().create(ADMIN_A, "org_a", KeyInput.create(json("""
                    {"name":"k","description":"d","team_id":"team_a","allowed_models":["a/*"],
                     "expires_at":"2027-01-01T00:00:00Z","limits":{"rpm":5,"tpm":50}}"""))).key();
            c.clock().advance(Duration.ofSeconds(5));
            ClientKey after = c.keys().update(ADMIN_A, "org_a", k.id(), s -> KeyInput.patch(json("""
                    {"description":null,"team_id":null,"allowed_cidrs":["127.0.0.1"],"limits":{"tpm":null,"concurrency":2}}"""), s));

            KeySettings s = after.settings();
            assertEquals("k", s.name());
            assertEquals(Optional.empty(), s.description());
            assertEquals(Optional.empty(), s.teamId());
            assertEquals(List.of("a/*"), s.allowedModels());
            assertEquals(List.of("127.0.0.1"), s.allowedCidrs());
            assertEquals(Optional.of(Instant.parse("2027-01-01T00:00:00Z")), s.expiresAt());
            assertEquals(new RateLimits(5, 0, 2), s.limits());
            assertEquals(T0.plusSeconds(5), after.updatedAt());
            assertEquals(after, c.keys().get(ADMIN_A, "org_a", k.id()));

            fails(400, () -> c.keys().update(ADMIN_A, "org_a", k.id(), x -> KeyInput.patch(json(
                    "{\"expires_at\":\"2026-01-01T00:00:00Z\"}"), x)));
            assertEquals(after, c.keys().get(ADMIN_A, "org_a", k.id()), "a refused PATCH changes nothing");
        });
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void roles_memberManagesOwnKeysOnly_viewerReadsOnly(DatabaseKind kind) {
        with(kind, c -> {
            String own = c.keys().create(MEMBER_A, "org_a", KeySettings.named("mine")).key().id();
            String others = c.keys().create(OTHER_MEMBER_A, "org_a", KeySettings.named("theirs")).key().id();
            String admins = c.keys().create(ADMIN_A, "org_a", KeySettings.named("admin's")).key().id();

            assertEquals("usr_member", c.keys().get(MEMBER_A, "org_a", own).createdBy());
            c.keys().setEnabled(MEMBER_A, "org_a", own, false);
            c.keys().rotate(MEMBER_A, "org_a", own);
            fails(403, () -> c.keys().setEnabled(MEMBER_A, "org_a", others, false));
            fails(403, () -> c.keys().delete(MEMBER_A, "org_a", admins));
            fails(403, () -> c.keys().create(MEMBER_A, "org_a", KeySettings.named("x").withPermission(Permission.ADMIN)));
            fails(403, () -> c.keys().update(MEMBER_A, "org_a", own, s -> s.withPermission(Permission.ADMIN)));
            assertEquals(3, c.keys().list(MEMBER_A, "org_a", KeyQuery.all(), PageRequest.first()).total());

            assertEquals(3, c.keys().list(VIEWER_A, "org_a", KeyQuery.all(), PageRequest.first()).total());
            fails(403, () -> c.keys().create(VIEWER_A, "org_a", KeySettings.named("v")));
            fails(403, () -> c.keys().setEnabled(VIEWER_A, "org_a", own, true));

            c.keys().setEnabled(ADMIN_A, "org_a", others, false);
            String adminKey = c.keys().create(ADMIN_A, "org_a", KeySettings.named("ops")
                    .withPermission(Permission.ADMIN)).key().id();
            Actor asKey = Actor.apiKey(adminKey, "org_a");
            c.keys().delete(asKey, "org_a", others);
            assertEquals(adminKey, c.keys().create(asKey, "org_a", KeySettings.named("by key")).key().createdBy());
            c.keys().create(PLATFORM, "org_a", KeySettings.named("by platform"));
        });
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void otherOrganization_is404_neither403NorData(DatabaseKind kind) {
        with(kind, c -> {
            String keyA = c.keys().create(ADMIN_A, "org_a", KeySettings.named("a")).key().id();
            assertEquals("organization_not_found", fails(404, () -> c.keys().get(ADMIN_B, "org_a", keyA)).code());
            fails(404, () -> c.keys().list(ADMIN_B, "org_a", KeyQuery.all(), PageRequest.first()));
            fails(404, () -> c.keys().setEnabled(ADMIN_B, "org_a", keyA, false));
            fails(404, () -> c.keys().create(Actor.apiKey("key_x", "org_b"), "org_a", KeySettings.named("x")));
            assertEquals("key_not_found", fails(404, () -> c.keys().get(ADMIN_B, "org_b", keyA)).code(),
                    "a key of org_a asked for under org_b");
            fails(404, () -> c.keys().delete(ADMIN_B, "org_b", keyA));
            assertEquals(KeyStatus.ACTIVE, c.keys().get(ADMIN_A, "org_a", keyA).status(T0));
        });
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void organization_missingIs404_disabledRefusesChangesButReads(DatabaseKind kind) {
        with(kind, c -> {
            fails(404, () -> c.keys().create(PLATFORM, "org_nope", KeySettings.named("k")));
            fails(404, () -> c.keys().list(PLATFORM, "org_nope", KeyQuery.all(), PageRequest.first()));
            assertEquals("organization_disabled", fails(409, () -> c.keys().create(PLATFORM, "org_off",
                    KeySettings.named("k"))).code());
            assertEquals(0, c.keys().list(PLATFORM, "org_off", KeyQuery.all(), PageRequest.first()).total());
        });
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void delete_keyIsGoneFromReadsAndChanges(DatabaseKind kind) {
        with(kind, c -> {
            String id = c.keys().create(ADMIN_A, "org_a", KeySettings.named("k")).key().id();
            c.keys().delete(ADMIN_A, "org_a", id);
            fails(404, () -> c.keys().get(ADMIN_A, "org_a", id));
            fails(404, () -> c.keys().delete(ADMIN_A, "org_a", id));
            fails(404, () -> c.keys().rotate(ADMIN_A, "org_a", id));
            assertEquals(1, c.count("SELECT COUNT(*) AS n FROM api_keys WHERE id = ? AND deleted_at IS NOT NULL", id));
        });
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void rotate_newSecretAndPrefix_graceBounded(DatabaseKind kind) {
        with(kind, c -> {
            IssuedKey k = c.keys().create(ADMIN_A, "org_a", KeySettings.named("k"));
            c.clock().advance(Duration.ofSeconds(1));
            IssuedKey r = c.keys().rotate(ADMIN_A, "org_a", k.key().id());
            assertNotEquals(k.secret(), r.secret());
            assertEquals(ApiKeys.publicId(r.secret()), r.key().prefix());
            assertEquals(Optional.of(T0.plusSeconds(1)), r.key().rotatedAt());
            assertEquals(Optional.of(T0.plusSeconds(1).plus(TenancySettings.defaults().rotationGrace())),
                    r.key().previousValidUntil());
            assertEquals("grace_seconds", fails(400, () -> c.keys().rotate(ADMIN_A, "org_a", k.key().id(),
                    Duration.ofSeconds(-1))).param().orElseThrow());
            fails(400, () -> c.keys().rotate(ADMIN_A, "org_a", k.key().id(), ClientKeys.MAX_GRACE.plusSeconds(1)));
        });
    }
}
