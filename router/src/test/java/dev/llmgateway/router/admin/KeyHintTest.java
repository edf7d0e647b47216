package dev.llmgateway.router.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class KeyHintTest {

    @Test
    void openAiKey_showsVendorPrefixAndLastFour() {
        assertEquals("sk-…3f2a", KeyHint.of("sk-abcdefghijklmnopqrstuvwxyz3f2a"));
    }

    @Test
    void longestKnownPrefix_wins() {
        assertEquals("sk-ant-…wxyz", KeyHint.of("sk-ant-api03-abcdefghijklmnopqrstuvwxyz"));
        assertEquals("AIza…7890", KeyHint.of("AIzaSyD-abcdefghijklmnop1234567890"));
    }

    @Test
    void unknownFormat_showsOnlyLastFour() {
        String secret = "0123456789abcdefghij";
        String hint = KeyHint.of(secret);
        assertEquals("…ghij", hint);
        assertFalse(hint.contains("0123"));
    }

    @Test
    void shortSecret_showsNothing() {
        assertEquals("****", KeyHint.of("short-secret"));
        assertEquals("****", KeyHint.of(""));
    }
}
