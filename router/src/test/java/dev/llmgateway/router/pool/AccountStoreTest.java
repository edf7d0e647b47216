package dev.llmgateway.router.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.core.spi.Credential;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.security.secrets.MasterKeys;
import dev.llmgateway.security.secrets.SecretBox;
import dev.llmgateway.security.secrets.SecretException;
import dev.llmgateway.store.DatabaseKind;
import dev.llmgateway.store.Rows;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.TenancyException;
import dev.llmgateway.tenancy.audit.AuditLog;
import dev.llmgateway.testing.TestDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AccountStoreTest {

    private static final String SECRET = "sk-ant-api03-stored-secret-7777";
    private static final Actor ADMIN = Actor.platformAdmin("admin-key");

    private static GatewayConfig config() {
        GatewayConfig.Provider p = new GatewayConfig.Provider("anthropic", GatewayConfig.ProviderType.ANTHROPIC,
                URI.create("http://127.0.0.1:9/v1"), Optional.empty(), List.of(), Map.of());
        return new GatewayConfig(Path.of("/tmp"), "INFO", false, new GatewayConfig.Server("127.0.0.1", 0, 65536,
                List.of()), new GatewayConfig.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1)), new GatewayConfig.Retry(1, Duration.ofMillis(1),
                Duration.ofMillis(1), Duration.ofMillis(1)), Map.of("anthropic", p), Map.of(),
                new GatewayConfig.Security(Optional.empty(), List.of()));
    }

    private static Account account(String name) {
        return new Account("anthropic/" + name, name, "anthropic", List.of(), 1, 0, Account.Limits.NONE);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void added_isSealed_survivesARestart_andReachesAnotherInstanceOnSync(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind)) {
            SecretBox box = new SecretBox(MasterKeys.parse(MasterKeys.generate(), "test"));
            Clock clock = Clock.systemUTC();
            AccountStore store = new AccountStore(t.database(), box, new AuditLog(t.database(), clock), clock);
            UpstreamAccounts one = UpstreamAccounts.fromConfig(config(), clock);
            UpstreamAccounts two = UpstreamAccounts.fromConfig(config(), clock);
            one.useStore(store, clock.instant());
            two.useStore(store, clock.instant());
            assertTrue(one.pool().status("anthropic/default").isPresent(), "the key-less default at first");

            one.add(ADMIN, account("team"), SECRET, "sk-ant-…7777");
            assertEquals(Optional.of(new Credential(SECRET)), one.credential("anthropic/team"));
            assertTrue(one.pool().status("anthropic/default").isEmpty(), "replaced by a real account");
            String sealed = t.database().execute().get("SELECT secret_sealed FROM upstream_accounts")
                    .map(r -> Rows.requiredString(r, "secret_sealed")).orElseThrow();
            assertFalse(sealed.contains("7777"));

            assertTrue(two.pool().status("anthropic/team").isEmpty());
            two.sync(clock.instant());
            assertEquals(Optional.of(new Credential(SECRET)), two.credential("anthropic/team"));

            UpstreamAccounts restarted = UpstreamAccounts.fromConfig(config(), clock);
            restarted.useStore(store, clock.instant());
            assertEquals(Optional.of(new Credential(SECRET)), restarted.credential("anthropic/team"));

            one.remove(ADMIN, "anthropic/team");
            assertTrue(one.pool().status("anthropic/team").isEmpty());
            two.sync(clock.instant().plusSeconds(1));
            assertTrue(two.pool().status("anthropic/team").isEmpty());
            assertTrue(two.credential("anthropic/team").isEmpty());
            assertEquals(404, assertThrows(TenancyException.class, () -> one.remove(ADMIN, "anthropic/team")).status());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anotherMasterKey_cannotOpenTheStoredSecrets(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind)) {
            Clock clock = Clock.systemUTC();
            AuditLog audit = new AuditLog(t.database(), clock);
            new AccountStore(t.database(), new SecretBox(MasterKeys.parse(MasterKeys.generate(), "a")), audit, clock)
                    .add(ADMIN, account("team"), SECRET, "hint");
            AccountStore wrong = new AccountStore(t.database(), new SecretBox(MasterKeys.parse(MasterKeys.generate(),
                    "b")), audit, clock);
            SecretException e = assertThrows(SecretException.class, wrong::live);
            assertFalse(e.getMessage().contains(SECRET));
            assertTrue(e.getMessage().contains("master key"));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void unknownProvider_isA400_andNothingIsStored(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind)) {
            Clock clock = Clock.systemUTC();
            AccountStore store = new AccountStore(t.database(), new SecretBox(MasterKeys.parse(MasterKeys.generate(),
                    "a")), new AuditLog(t.database(), clock), clock);
            UpstreamAccounts accounts = UpstreamAccounts.fromConfig(config(), clock);
            accounts.useStore(store, Instant.now());
            Account other = new Account("openai/x", "x", "openai", List.of(), 1, 0, Account.Limits.NONE);
            assertEquals(400, assertThrows(TenancyException.class, () -> accounts.add(ADMIN, other, SECRET, "h"))
                    .status());
            assertEquals(0, store.live().size());
            assertEquals(0, t.database().execute().get("SELECT COUNT(*) AS n FROM audit_log")
                    .map(r -> Rows.requiredLong(r, "n")).orElseThrow());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void typeOptions_areStoredWithTheAccount_andNoneStaysEmpty(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind)) {
            SecretBox box = new SecretBox(MasterKeys.parse(MasterKeys.generate(), "test"));
            Clock clock = Clock.systemUTC();
            AccountStore store = new AccountStore(t.database(), box, new AuditLog(t.database(), clock), clock);
            Account gemini = new Account("gemini/me", "me", "gemini", List.of(), 1, 0, Account.Limits.NONE,
                    "gemini-cli-oauth", Optional.empty(), Map.of("project", "p-1", "base_uri", "http://127.0.0.1:9"));
            store.add(ADMIN, gemini, "", "oauth");
            store.add(ADMIN, account("plain"), SECRET, "sk-…7777");

            Map<String, Account> live = new java.util.HashMap<>();
            store.live().forEach(a -> live.put(a.account().id(), a.account()));

            assertEquals(Map.of("project", "p-1", "base_uri", "http://127.0.0.1:9"), live.get("gemini/me").options());
            assertEquals(Map.of(), live.get("anthropic/plain").options());
        }
    }
}
