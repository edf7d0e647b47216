package dev.llmgateway.tenancy.key;

import dev.llmgateway.testing.MutableClock;
import static dev.llmgateway.tenancy.key.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.core.auth.ClientIdentity;
import dev.llmgateway.core.auth.ClientIdentity.RateLimits;
import dev.llmgateway.core.auth.Permission;
import dev.llmgateway.security.keys.ApiKeys;
import dev.llmgateway.store.Database;
import dev.llmgateway.store.DatabaseKind;
import dev.llmgateway.store.Rows;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.Tenancy;
import dev.llmgateway.tenancy.TenancySettings;
import dev.llmgateway.testing.TestDatabase;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Checking presented keys against H2 and PostgreSQL: every refusal, grace periods, caching, last use. */
class KeyValidatorTest {

    private static final Actor ADMIN = Actor.platformAdmin("admin-key");
    private static final InetAddress LOCAL = InetAddress.getLoopbackAddress();

    private record Ctx(Database db, ClientKeys keys, KeyValidator validator, MutableClock clock) {
        IssuedKey create(KeySettings s) {
            return keys.create(ADMIN, "org_a", s);
        }
    }

    private static void with(DatabaseKind kind, Consumer<Ctx> body) {
        try (TestDatabase t = TestDatabase.open(kind)) {
            Database db = t.database();
            Fixtures.org(db, "org_a", "active");
            Fixtures.team(db, "team_a", "org_a");
            MutableClock clock = new MutableClock(T0);
            try (Tenancy tenancy = new Tenancy(db, TenancySettings.defaults(), clock)) {
                body.accept(new Ctx(db, tenancy.clientKeys(), tenancy.keyValidator(), clock));
            }
        }
    }

    private static Refusal refusal(KeyCheck check) {
        return assertInstanceOf(KeyCheck.Refused.class, check).reason();
    }

    private static ClientIdentity accepted(KeyCheck check) {
        return assertInstanceOf(KeyCheck.Accepted.class, check, check.toString()).caller();
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void check_activeKey_isTheKeysIdentity(DatabaseKind kind) {
        with(kind, c -> {
            IssuedKey k = c.create(KeySettings.named("ci").withTeam(Optional.of("team_a"))
                    .withPermission(Permission.READ_ONLY).withAllowedModels(List.of("openai/*"))
                    .withLimits(new RateLimits(10, 1000, 2)));
            ClientIdentity id = accepted(c.validator().check(k.secret(), LOCAL));
            assertEquals(k.key().id(), id.keyId());
            assertEquals("ci", id.name());
            assertEquals(Permission.READ_ONLY, id.permission());
            assertEquals(new ClientIdentity.Tenant("org_a", "team_a"), id.tenant());
            assertEquals(new RateLimits(10, 1000, 2), id.limits());
            assertEquals(List.of("openai/*"), id.allowedModels());
        });
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void check_unknownKey_isUnknown(DatabaseKind kind) {
        with(kind, c -> {
            c.create(KeySettings.named("k"));
            assertEquals(Refusal.UNKNOWN, refusal(c.validator().check(ApiKeys.generate(), LOCAL)));
            assertEquals(Refusal.UNKNOWN, refusal(c.validator().check("not even a key", LOCAL)));
        });
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void check_disabledThenEnabled_followsAtOnce(DatabaseKind kind) {
        with(kind, c -> {
            IssuedKey k = c.create(KeySettings.named("k"));
            accepted(c.validator().check(k.secret(), LOCAL));
            c.keys().setEnabled(ADMIN, "org_a", k.key().id(), false);
            assertEquals(Refusal.DISABLED, refusal(c.validator().check(k.secret(), LOCAL)));
            c.keys().setEnabled(ADMIN, "org_a", k.key().id(), true);
            accepted(c.validator().check(k.secret(), LOCAL));
        });
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void check_pastExpiry_isExpiredWithoutAnyChange(DatabaseKind kind) {
        with(kind, c -> {
            IssuedKey k = c.create(KeySettings.named("k").withExpiresAt(Optional.of(T0.plusSeconds(3600))));
            accepted(c.validator().check(k.secret(), LOCAL));
            c.clock().advance(Duration.ofSeconds(3600));
            KeyCheck.Refused r = assertInstanceOf(KeyCheck.Refused.class, c.validator().check(k.secret(), LOCAL));
            assertEquals(Refusal.EXPIRED, r.reason());
            assertTrue(r.message().contains("2026-11-22T11:00:00Z"), r.message());
        });
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void check_deletedKey_isRevoked(DatabaseKind kind) {
        with(kind, c -> {
            IssuedKey k = c.create(KeySettings.named("k"));
            accepted(c.validator().check(k.secret(), LOCAL));
            c.keys().delete(ADMIN, "org_a", k.key().id());
            assertEquals(Refusal.REVOKED, refusal(c.validator().check(k.secret(), LOCAL)));
        });
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void rotate_oldSecretWorksDuringGraceOnly(DatabaseKind kind) {
        with(kind, c -> {
            IssuedKey old = c.create(KeySettings.named("k"));
            accepted(c.validator().check(old.secret(), LOCAL));
            IssuedKey fresh = c.keys().rotate(ADMIN, "org_a", old.key().id(), Duration.ofMinutes(10));
            accepted(c.validator().check(fresh.secret(), LOCAL));
            accepted(c.validator().check(old.secret(), LOCAL));
            c.clock().advance(Duration.ofMinutes(10).minusMillis(1));
            accepted(c.validator().check(old.secret(), LOCAL));
            c.clock().advance(Duration.ofMillis(1));
            assertEquals(Refusal.ROTATED, refusal(c.validator().check(old.secret(), LOCAL)));
            accepted(c.validator().check(fresh.secret(), LOCAL));

            c.keys().setEnabled(ADMIN, "org_a", old.key().id(), false);
            assertEquals(Refusal.ROTATED, refusal(c.validator().check(old.secret(), LOCAL)),
                    "rotated out says so even when the key is disabled");
            assertEquals(Refusal.DISABLED, refusal(c.validator().check(fresh.secret(), LOCAL)));
        });
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void rotate_zeroGraceOrTwice_oldSecretsAreRotatedAtOnce(DatabaseKind kind) {
        with(kind, c -> {
            IssuedKey first = c.create(KeySettings.named("k"));
            IssuedKey second = c.keys().rotate(ADMIN, "org_a", first.key().id(), Duration.ZERO);
            assertEquals(Refusal.ROTATED, refusal(c.validator().check(first.secret(), LOCAL)));
            IssuedKey third = c.keys().rotate(ADMIN, "org_a", first.key().id(), Duration.ofHours(1));
            assertEquals(Refusal.ROTATED, refusal(c.validator().check(first.secret(), LOCAL)), "retired for good");
            accepted(c.validator().check(second.secret(), LOCAL));
            accepted(c.validator().check(third.secret(), LOCAL));
            c.keys().delete(ADMIN, "org_a", first.key().id());
            for (IssuedKey k : List.of(first, second, third)) {
                assertEquals(Refusal.REVOKED, refusal(c.validator().check(k.secret(), LOCAL)));
            }
        });
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void check_organizationDisabledOrDeleted_isOrgDisabled(DatabaseKind kind) {
        with(kind, c -> {
            IssuedKey k = c.create(KeySettings.named("k"));
            accepted(c.validator().check(k.secret(), LOCAL));
            Fixtures.orgStatus(c.db(), "org_a", "disabled", T0);
            c.validator().invalidateOrg("org_a");
            assertEquals(Refusal.ORG_DISABLED, refusal(c.validator().check(k.secret(), LOCAL)));
            Fixtures.orgStatus(c.db(), "org_a", "active", T0);
            c.validator().invalidateOrg("org_a");
            accepted(c.validator().check(k.secret(), LOCAL));
            c.db().execute().update("UPDATE organizations SET deleted_at = ? WHERE id = 'org_a'", Rows.time(T0));
            c.validator().invalidateOrg("org_a");
            assertEquals(Refusal.ORG_DISABLED, refusal(c.validator().check(k.secret(), LOCAL)));
        });
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void check_allowedCidrs_onlyThoseAddressesPass(DatabaseKind kind) {
        with(kind, c -> {
            IssuedKey k = c.create(KeySettings.named("k").withAllowedCidrs(List.of("10.0.0.0/8", "2001:db8::1")));
            accepted(c.validator().check(k.secret(), ip("10.20.30.40")));
            accepted(c.validator().check(k.secret(), ip("2001:db8::1")));
            KeyCheck.Refused r = assertInstanceOf(KeyCheck.Refused.class, c.validator().check(k.secret(), LOCAL));
            assertEquals(Refusal.IP_NOT_ALLOWED, r.reason());
            assertEquals(403, r.reason().status());
            assertTrue(r.message().contains("127.0.0.1"), r.message());
        });
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void check_rowChangedBehindTheCachesBack_isServedFromCacheUntilInvalidated(DatabaseKind kind) {
        with(kind, c -> {
            IssuedKey k = c.create(KeySettings.named("k"));
            accepted(c.validator().check(k.secret(), LOCAL));
            c.db().execute().update("UPDATE api_keys SET status = 'disabled' WHERE id = ?", k.key().id());
            accepted(c.validator().check(k.secret(), LOCAL));
            c.validator().invalidateKey(k.key().id());
            assertEquals(Refusal.DISABLED, refusal(c.validator().check(k.secret(), LOCAL)));
        });
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void flushLastUsed_writesOncePerMinutePerKey(DatabaseKind kind) {
        with(kind, c -> {
            IssuedKey k = c.create(KeySettings.named("k"));
            accepted(c.validator().check(k.secret(), LOCAL));
            assertEquals(Optional.empty(), lastUsed(c, k), "not written on the request path");
            c.validator().flushLastUsed();
            assertEquals(Optional.of(T0), lastUsed(c, k));

            c.db().execute().update("UPDATE api_keys SET last_used_at = NULL WHERE id = ?", k.key().id());
            c.clock().advance(Duration.ofSeconds(5));
            accepted(c.validator().check(k.secret(), LOCAL));
            c.validator().flushLastUsed();
            assertEquals(Optional.empty(), lastUsed(c, k), "a second use within the minute is not noted");
        });
    }

    private static Optional<java.time.Instant> lastUsed(Ctx c, IssuedKey k) {
        return c.db().execute().get("SELECT last_used_at FROM api_keys WHERE id = ?", k.key().id())
                .flatMap(r -> Rows.instant(r, "last_used_at"));
    }
}
