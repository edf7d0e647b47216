package dev.llmgateway.router.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.core.spi.Credential;
import dev.llmgateway.core.spi.ProviderFailure;
import dev.llmgateway.router.accounttype.AccountTypes;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.router.pool.Account;
import dev.llmgateway.router.pool.AccountStore;
import dev.llmgateway.security.secrets.MasterKeys;
import dev.llmgateway.security.secrets.SecretBox;
import dev.llmgateway.store.DatabaseKind;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.audit.AuditLog;
import dev.llmgateway.testing.FakeAuthServer;
import dev.llmgateway.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Token refresh against a fake token endpoint, with two gateway instances sharing one database. */
class TokenKeeperTest {

    private static final String ID = "anthropic/max";
    private static final Clock CLOCK = Clock.systemUTC();

    private static AccountTypes types(FakeAuthServer auth) {
        GatewayConfig.OAuthSettings claude = new GatewayConfig.OAuthSettings(Optional.of(auth.authorizeUri()),
                Optional.of(auth.tokenUri()), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
        return AccountTypes.of(new GatewayConfig.Accounts(true, Duration.ofMinutes(5), Duration.ZERO,
                Duration.ofMinutes(10), Map.of("claude-code", claude)));
    }

    /** One OAuth account, authorized with a token that expires in {@code seconds}; returns its store. */
    private static OAuthStore authorized(TestDatabase t, long seconds) {
        SecretBox box = new SecretBox(MasterKeys.parse(MasterKeys.generate(), "test"));
        AuditLog audit = new AuditLog(t.database(), CLOCK);
        new AccountStore(t.database(), box, audit, CLOCK).add(Actor.platformAdmin("a"), new Account(ID, "max",
                "anthropic", List.of(), 1, 0, Account.Limits.NONE, "claude-code-oauth"), "", "oauth");
        OAuthStore store = new OAuthStore(t.database(), box, audit);
        store.authorize(Actor.platformAdmin("a"), ID, new TokenSet("old-access", Optional.of("old-refresh"),
                CLOCK.instant().plusSeconds(seconds)), CLOCK.instant());
        return store;
    }

    private static TokenKeeper keeper(OAuthStore store, FakeAuthServer auth) {
        return new TokenKeeper(store, new TokenEndpoint(Duration.ofSeconds(5), CLOCK), types(auth), true, CLOCK);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void twoInstances_manyCallersOnEach_oneRefreshCall(DatabaseKind kind) throws Exception {
        try (TestDatabase t = TestDatabase.open(kind); FakeAuthServer auth = FakeAuthServer.start()) {
            OAuthStore store = authorized(t, 10);
            auth.answer(call -> {
                FakeAuthServer.Answer a = auth.grant(call);
                return new FakeAuthServer.Answer(a.status(), a.body(), Duration.ofMillis(200));
            });
            List<TokenKeeper> instances = List.of(keeper(store, auth), keeper(store, auth));

            List<Future<Credential>> got = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 20; i++) {
                    TokenKeeper k = instances.get(i % 2);
                    got.add(pool.submit(() -> k.current(ID)));
                }
            }

            assertEquals(1, auth.count("refresh_token"));
            assertEquals("old-refresh", auth.calls().get(0).params().get("refresh_token"));
            for (Future<Credential> f : got) {
                assertEquals(new Credential("access-1", "claude-code-oauth"), f.get());
            }
            assertEquals(Optional.of("refresh-1"), store.load(ID).orElseThrow().tokens().orElseThrow().refreshToken());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void freshToken_isUsedAsItIs_andRenewAfterA401RefreshesOnce(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind); FakeAuthServer auth = FakeAuthServer.start()) {
            TokenKeeper keeper = keeper(authorized(t, 3600), auth);

            Credential current = keeper.current(ID);
            assertEquals("old-access", current.value());
            assertEquals(0, auth.calls().size());

            assertEquals(Optional.of(new Credential("access-1", "claude-code-oauth")), keeper.renew(ID, current));
            assertEquals(Optional.of(new Credential("access-1", "claude-code-oauth")), keeper.renew(ID, current),
                    "a second caller with the same rejected token gets the new one without another refresh");
            assertEquals(1, auth.count("refresh_token"));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void rejectedRefreshToken_revokesTheAccount_andTellsThePool(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind); FakeAuthServer auth = FakeAuthServer.start()) {
            TokenKeeper keeper = keeper(authorized(t, 10), auth);
            auth.answer(call -> FakeAuthServer.invalidGrant());
            List<String> told = new CopyOnWriteArrayList<>();
            keeper.onChange(told::add);
            assertEquals(Optional.empty(), keeper.blocked(ID));

            ProviderFailure f = assertThrows(ProviderFailure.class, () -> keeper.current(ID));

            assertEquals(401, f.upstreamStatus(), "read like rejected credentials: the request fails over");
            assertEquals(List.of(ID), told);
            assertTrue(keeper.blocked(ID).orElseThrow().contains("invalid_grant"), keeper.blocked(ID).toString());
            assertThrows(ProviderFailure.class, () -> keeper.current(ID));
            assertEquals(1, auth.count("refresh_token"), "a revoked account is not refreshed again");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void tokenEndpointDown_keepsUsingAStillValidToken_andRecordsTheError(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind); FakeAuthServer auth = FakeAuthServer.start()) {
            OAuthStore store = authorized(t, 10);
            TokenKeeper keeper = keeper(store, auth);
            auth.answer(call -> new FakeAuthServer.Answer(503, "{\"error\":\"temporarily_unavailable\"}", Duration.ZERO));

            assertEquals("old-access", keeper.current(ID).value());

            TokenState s = store.load(ID).orElseThrow();
            assertEquals(OAuthStatus.ACTIVE, s.status());
            assertTrue(s.lastError().orElseThrow().contains("HTTP 503"), s.lastError().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void background_refreshesOnlyTokensDueWithinTheMargin(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind); FakeAuthServer auth = FakeAuthServer.start()) {
            TokenKeeper keeper = keeper(authorized(t, 240), auth);

            keeper.refreshDue(Duration.ofMinutes(1));
            assertEquals(0, auth.calls().size(), "four minutes left, one-minute margin: not yet");

            keeper.refreshDue(Duration.ofMinutes(5));
            keeper.refreshDue(Duration.ofMinutes(5));
            assertEquals(1, auth.count("refresh_token"), "refreshed once; the new token is not due");
            assertEquals("access-1", keeper.current(ID).value());
        }
    }
}
