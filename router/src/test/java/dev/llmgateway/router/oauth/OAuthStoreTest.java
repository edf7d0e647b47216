package dev.llmgateway.router.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.router.pool.Account;
import dev.llmgateway.router.pool.AccountStore;
import dev.llmgateway.router.pool.StoredAccount;
import dev.llmgateway.security.secrets.MasterKeys;
import dev.llmgateway.security.secrets.SecretBox;
import dev.llmgateway.security.secrets.SecretException;
import dev.llmgateway.store.DatabaseKind;
import dev.llmgateway.store.Rows;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.audit.AuditLog;
import dev.llmgateway.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OAuthStoreTest {

    private static final Actor ADMIN = Actor.platformAdmin("admin-key");
    private static final String ID = "anthropic/max";
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private record Fixture(TestDatabase db, AccountStore accounts, OAuthStore store) {
    }

    private static Fixture fixture(TestDatabase t) {
        SecretBox box = new SecretBox(MasterKeys.parse(MasterKeys.generate(), "test"));
        AuditLog audit = new AuditLog(t.database(), Clock.systemUTC());
        AccountStore accounts = new AccountStore(t.database(), box, audit, Clock.systemUTC());
        accounts.add(ADMIN, new Account(ID, "max", "anthropic", List.of(), 1, 0, Account.Limits.NONE,
                "claude-code-oauth"), "", "oauth");
        return new Fixture(t, accounts, new OAuthStore(t.database(), box, audit));
    }

    private static String column(TestDatabase t, String column) {
        return t.database().execute().get("SELECT " + column + " FROM upstream_accounts WHERE id = ?", ID)
                .flatMap(r -> Rows.string(r, column)).orElse("");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void addedOAuthAccount_isPendingWithoutAKey(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind)) {
            Fixture f = fixture(t);

            TokenState s = f.store().load(ID).orElseThrow();
            assertEquals(OAuthStatus.PENDING, s.status());
            assertEquals("claude-code-oauth", s.type());
            assertTrue(s.tokens().isEmpty());
            StoredAccount stored = f.accounts().live().get(0);
            assertEquals("claude-code-oauth", stored.account().type());
            assertEquals("", stored.secret());
            assertEquals("", column(t, "secret_sealed"), "no key is stored for an OAuth account");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void tokens_areSealedPerPurpose_andReadBack(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind)) {
            Fixture f = fixture(t);
            TokenSet tokens = new TokenSet("sk-ant-oat01-access-secret", Optional.of("sk-ant-ort01-refresh-secret"),
                    NOW.plus(8, ChronoUnit.HOURS));

            f.store().authorize(ADMIN, ID, tokens, NOW);

            TokenState s = f.store().load(ID).orElseThrow();
            assertEquals(OAuthStatus.ACTIVE, s.status());
            assertEquals(Optional.of(tokens), s.tokens());
            assertEquals(Optional.of(NOW), s.refreshedAt());
            String access = column(t, "access_sealed");
            assertTrue(access.startsWith("v1:") && !access.contains("access-secret"), access);
            assertFalse(column(t, "refresh_sealed").contains("refresh-secret"));
            t.database().execute().update("UPDATE upstream_accounts SET refresh_sealed = access_sealed WHERE id = ?", ID);
            assertThrows(SecretException.class, () -> f.store().load(ID), "an access token does not open as a refresh token");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void revokedGrant_dropsTheTokens_keepsTheError(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind)) {
            Fixture f = fixture(t);
            f.store().authorize(ADMIN, ID, new TokenSet("a", Optional.empty(), NOW.plusSeconds(60)), NOW);

            f.store().db().inTransaction(tx -> f.store().saveFailure(tx, ID, "HTTP 400, invalid_grant", true, NOW));

            TokenState s = f.store().load(ID).orElseThrow();
            assertEquals(OAuthStatus.REVOKED, s.status());
            assertTrue(s.tokens().isEmpty());
            assertEquals(Optional.of("HTTP 400, invalid_grant"), s.lastError());
            assertEquals("", column(t, "access_sealed"));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void authorization_isUsedOnce_byItsOwnAccount_beforeItExpires(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind)) {
            Fixture f = fixture(t);
            f.store().startAuthorization(ADMIN, ID, "state-1", "verifier-1", NOW, NOW.plusSeconds(600));

            assertEquals(Optional.empty(), f.store().takeAuthorization("anthropic/other", "state-1", NOW));
            assertEquals(Optional.of("verifier-1"), f.store().takeAuthorization(ID, "state-1", NOW));
            assertEquals(Optional.empty(), f.store().takeAuthorization(ID, "state-1", NOW), "used once");

            f.store().startAuthorization(ADMIN, ID, "state-2", "verifier-2", NOW, NOW.plusSeconds(600));
            assertEquals(Optional.empty(), f.store().takeAuthorization(ID, "state-2", NOW.plusSeconds(600)), "expired");

            f.store().startAuthorization(ADMIN, ID, "state-3", "verifier-3", NOW, NOW.plusSeconds(600));
            f.store().startAuthorization(ADMIN, ID, "state-4", "verifier-4", NOW, NOW.plusSeconds(600));
            assertEquals(Optional.empty(), f.store().takeAuthorization(ID, "state-3", NOW), "replaced by a new start");
            assertEquals(Optional.of("verifier-4"), f.store().takeAuthorization(ID, "state-4", NOW));
            String stored = t.database().execute().query("SELECT state_hash FROM oauth_authorizations").toList().toString();
            assertFalse(stored.contains("state-"), "states are stored by hash only");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void removingTheAccount_dropsItsTokens(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind)) {
            Fixture f = fixture(t);
            f.store().authorize(ADMIN, ID, new TokenSet("a", Optional.of("r"), NOW.plusSeconds(60)), NOW);

            assertTrue(f.accounts().remove(ADMIN, ID));

            assertEquals(Optional.empty(), f.store().load(ID));
            assertEquals("", column(t, "access_sealed") + column(t, "refresh_sealed"));
        }
    }
}
