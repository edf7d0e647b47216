package dev.llmgateway.router.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.llmgateway.store.DatabaseKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreConfigTest {

    private static GatewayConfig load(String yaml, Map<String, String> env) throws Exception {
        return ConfigLoader.fromTree(new ObjectMapper(new YAMLFactory()).readTree(yaml), env);
    }

    @Test
    void defaults_embeddedH2UnderTheDataDir() throws Exception {
        GatewayConfig c = load("gateway: {data-dir: /tmp/x}", Map.of());
        assertEquals(DatabaseKind.H2, c.store().kind());
        assertTrue(c.store().url().startsWith("jdbc:h2:file:/tmp/x/llm-gateway;MODE=PostgreSQL"), c.store().url());
        assertEquals(8, c.store().maxPoolSize());
        assertEquals(Duration.ofSeconds(2), c.tenancy().cacheSync());
    }

    @Test
    void postgresUrlAndPasswordFromEnv_areRead_andThePasswordNeverPrinted() throws Exception {
        GatewayConfig c = load("store: {url: 'jdbc:postgresql://127.0.0.1:5432/test', username: app, schema: gw}",
                Map.of("LLMGW_STORE_PASSWORD", "s3cret-pw", "LLMGW_TENANCY_INVITATION_TTL", "7d"));
        assertEquals(DatabaseKind.POSTGRESQL, c.store().kind());
        assertEquals(Optional.of("s3cret-pw"), c.store().password());
        assertEquals(Optional.of("gw"), c.store().schema());
        assertFalse(c.store().toString().contains("s3cret-pw"));
        assertEquals(Duration.ofDays(7), c.tenancy().invitationTtl());
    }

    @Test
    void badValues_areEachNamed() {
        List<String> problems = assertThrows(ConfigException.class, () -> load(
                "store: {url: 'jdbc:mysql://x/db', schema: 'a;drop', pool-size: 0, pol-size: 3}\n"
                        + "tenancy: {lockout: soon}", Map.of())).problems();
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("store.url:")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("store.pool-size:")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("store.pol-size:") && p.contains("pool-size")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("tenancy.lockout:")), problems.toString());
    }

    @Test
    void productionMode_withoutMasterKey_refusesToStart_withKeyItStarts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String yaml = "gateway: {mode: production, data-dir: " + dir + "}\n"
                + "router: {server: {host: 127.0.0.1, port: 0}}";
        GatewayConfig prod = load(yaml, Map.of());
        assertTrue(prod.secrets().production());
        dev.llmgateway.security.secrets.SecretException e = assertThrows(
                dev.llmgateway.security.secrets.SecretException.class,
                () -> new dev.llmgateway.router.server.Gateway(prod, java.time.Clock.systemUTC()));
        assertTrue(e.getMessage().contains("LLMGW_MASTER_KEY"), e.getMessage());
        assertFalse(java.nio.file.Files.exists(dir.resolve("llm-gateway.mv.db")), "nothing opened before the refusal");

        String key = dev.llmgateway.security.secrets.MasterKeys.generate();
        GatewayConfig withKey = load(yaml, Map.of("LLMGW_MASTER_KEY", key));
        assertFalse(withKey.toString().contains(key), "the key never prints");
        try (var gateway = new dev.llmgateway.router.server.Gateway(withKey, java.time.Clock.systemUTC())) {
            assertFalse(java.nio.file.Files.exists(dir.resolve("master.key")), "no development key in production");
        }
        assertThrows(ConfigException.class, () -> load("gateway: {mode: staging}", Map.of()));
    }
}
