package dev.llmgateway.tenancy.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.core.auth.ClientIdentity.RateLimits;
import dev.llmgateway.core.auth.Permission;
import dev.llmgateway.tenancy.TenancyException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void create_onlyName_takesDefaults() throws Exception {
        assertEquals(KeySettings.named("k"), KeyInput.create(json("{\"name\":\"k\"}")));
        assertEquals(Permission.READ_WRITE, KeyInput.create(json("{\"name\":\"k\"}")).permission());
    }

    @Test
    void create_expiryWithOffset_isReadAsAnInstant() throws Exception {
        assertEquals(Optional.of(Instant.parse("2027-01-01T00:00:00Z")),
                KeyInput.create(json("{\"name\":\"k\",\"expires_at\":\"2027-01-01T01:00:00+01:00\"}")).expiresAt());
    }

    @Test
    void patch_limitsPartly_keepsTheOthers() throws Exception {
        KeySettings current = KeySettings.named("k").withLimits(new RateLimits(1, 2, 3));
        assertEquals(new RateLimits(1, 20, 3), KeyInput.patch(json("{\"limits\":{\"tpm\":20}}"), current).limits());
        assertEquals(RateLimits.NONE, KeyInput.patch(json("{\"limits\":null}"), current).limits());
        assertEquals(List.of(), KeyInput.patch(json("{\"allowed_models\":null}"),
                current.withAllowedModels(List.of("a"))).allowedModels());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}|name",
            "{\"name\":null}|name",
            "{\"name\":5}|name",
            "{\"name\":\"k\",\"permission\":\"owner\"}|permission",
            "{\"name\":\"k\",\"permission\":null}|permission",
            "{\"name\":\"k\",\"allowed_models\":\"a/*\"}|allowed_models",
            "{\"name\":\"k\",\"allowed_cidrs\":[1]}|allowed_cidrs",
            "{\"name\":\"k\",\"expires_at\":\"tomorrow\"}|expires_at",
            "{\"name\":\"k\",\"limits\":{\"rpm\":0}}|limits.rpm",
            "{\"name\":\"k\",\"limits\":{\"tpm\":1.5}}|limits.tpm",
            "{\"name\":\"k\",\"limits\":{\"concurrency\":3000000000}}|limits.concurrency",
            "{\"name\":\"k\",\"limits\":{\"rps\":1}}|limits.rps",
            "{\"name\":\"k\",\"limits\":7}|limits",
            "{\"name\":\"k\",\"org_id\":\"org_b\"}|org_id",
            "{\"name\":\"k\",\"allowed_model\":[]}|allowed_model",
            "{\"name\":\"k\",\"team_id\":3}|team_id"})
    void create_badField_is400NamingIt(String body, String field) {
        TenancyException e = assertThrows(TenancyException.class, () -> KeyInput.create(json(body)));
        assertEquals(400, e.status());
        assertEquals(Optional.of(field), e.param(), e.getMessage());
    }
}
