package dev.llmgateway.tenancy.key;

import static dev.llmgateway.tenancy.key.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.llmgateway.store.Database;
import dev.llmgateway.store.DatabaseKind;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.Tenancy;
import dev.llmgateway.tenancy.TenancySettings;
import dev.llmgateway.testing.TestDatabase;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two gateway instances (two Tenancy objects) on one database: a change made through one is
 * refused by the other within the cache-sync interval, through the change feed alone.
 */
class KeyCacheSyncTest {

    private static final Duration SYNC = Duration.ofMillis(100);
    /** Generous against a slow CI machine; the poll usually lands within one or two intervals. */
    private static final Duration WITHIN = Duration.ofSeconds(5);
    private static final Actor ADMIN = Actor.platformAdmin("admin-key");
    private static final InetAddress LOCAL = InetAddress.getLoopbackAddress();

    private static TenancySettings settings() {
        TenancySettings d = TenancySettings.defaults();
        return new TenancySettings(d.sessionTtl(), d.maxFailedLogins(), d.lockout(), d.rotationGrace(),
                d.invitationTtl(), SYNC);
    }

    /** Polls {@code check} until it gives {@code expected}; fails after {@link #WITHIN}. Returns how long it took. */
    private static Duration awaitRefusal(Refusal expected, Supplier<KeyCheck> check) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + WITHIN.toNanos();
        KeyCheck last = check.get();
        while (!(last instanceof KeyCheck.Refused r && r.reason() == expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("instance 2 still answers " + last + " after " + WITHIN);
            }
            Thread.sleep(10);
            last = check.get();
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void keyDisabledOnOneInstance_isRefusedByTheOtherWithinTheSyncInterval(DatabaseKind kind) throws Exception {
        try (TestDatabase t = TestDatabase.open(kind)) {
            Database db = t.database();
            Fixtures.org(db, "org_a", "active");
            try (Tenancy one = new Tenancy(db, settings(), Clock.systemUTC());
                 Tenancy two = new Tenancy(db, settings(), Clock.systemUTC())) {
                IssuedKey k = one.clientKeys().create(ADMIN, "org_a", KeySettings.named("shared"));
                assertInstanceOf(KeyCheck.Accepted.class, two.keyValidator().check(k.secret(), LOCAL));

                one.clientKeys().setEnabled(ADMIN, "org_a", k.key().id(), false);
                awaitRefusal(Refusal.DISABLED, () -> two.keyValidator().check(k.secret(), LOCAL));

                one.clientKeys().setEnabled(ADMIN, "org_a", k.key().id(), true);
                long start = System.nanoTime();
                while (!(two.keyValidator().check(k.secret(), LOCAL) instanceof KeyCheck.Accepted)) {
                    if (System.nanoTime() - start > WITHIN.toNanos()) {
                        throw new AssertionError("instance 2 did not see the key enabled again");
                    }
                    Thread.sleep(10);
                }

                one.clientKeys().rotate(ADMIN, "org_a", k.key().id(), Duration.ZERO);
                awaitRefusal(Refusal.ROTATED, () -> two.keyValidator().check(k.secret(), LOCAL));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void organizationDisabledThroughTheFeed_isRefusedByEveryInstance(DatabaseKind kind) throws Exception {
        try (TestDatabase t = TestDatabase.open(kind)) {
            Database db = t.database();
            Fixtures.org(db, "org_a", "active");
            try (Tenancy one = new Tenancy(db, settings(), Clock.systemUTC());
                 Tenancy two = new Tenancy(db, settings(), Clock.systemUTC())) {
                IssuedKey k = one.clientKeys().create(ADMIN, "org_a", KeySettings.named("shared"));
                assertInstanceOf(KeyCheck.Accepted.class, one.keyValidator().check(k.secret(), LOCAL));
                assertInstanceOf(KeyCheck.Accepted.class, two.keyValidator().check(k.secret(), LOCAL));

                Fixtures.orgStatus(db, "org_a", "disabled", T0);
                awaitRefusal(Refusal.ORG_DISABLED, () -> one.keyValidator().check(k.secret(), LOCAL));
                awaitRefusal(Refusal.ORG_DISABLED, () -> two.keyValidator().check(k.secret(), LOCAL));
                assertEquals(403, Refusal.ORG_DISABLED.status());
            }
        }
    }
}
