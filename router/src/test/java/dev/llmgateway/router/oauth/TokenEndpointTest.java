package dev.llmgateway.router.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.router.codec.Json;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class TokenEndpointTest {

    private static JsonNode json(String text) throws IOException {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void invalidGrant_on400Or401_isTheGrantRejected() throws IOException {
        JsonNode body = json("{\"error\":\"invalid_grant\",\"error_description\":\"Refresh token revoked\"}");

        OAuthException e = TokenEndpoint.refusal(400, body);

        assertEquals(OAuthException.Kind.REJECTED, e.kind());
        assertEquals("HTTP 400, invalid_grant: Refresh token revoked", e.getMessage());
        assertEquals(OAuthException.Kind.REJECTED, TokenEndpoint.refusal(401, body).kind());
    }

    @Test
    void otherRefusals_areConfiguration_andServerErrorsAreTransient() throws IOException {
        assertEquals(OAuthException.Kind.REFUSED, TokenEndpoint.refusal(401, json("{\"error\":\"invalid_client\"}")).kind());
        assertEquals(OAuthException.Kind.UNAVAILABLE, TokenEndpoint.refusal(503, json("{}")).kind());
        assertEquals(OAuthException.Kind.UNAVAILABLE, TokenEndpoint.refusal(429, json("{}")).kind());
    }

    @Test
    void messages_neverCarryAToken() throws IOException {
        OAuthException e = TokenEndpoint.refusal(400, json("{\"error\":\"invalid_request\","
                + "\"error_description\":\"bad token sk-ant-ort01-abcdefghijkl\"}"));
        assertFalse(e.getMessage().contains("abcdefghijkl"), e.getMessage());
    }
}
