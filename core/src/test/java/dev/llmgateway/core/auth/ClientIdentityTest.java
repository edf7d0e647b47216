package dev.llmgateway.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientIdentityTest {

    private static ClientIdentity allowed(String... patterns) {
        return new ClientIdentity("lgw_abc…", "test", List.of(patterns));
    }

    @Test
    void mayUse_emptyList_allowsEverything() {
        ClientIdentity caller = allowed();
        assertTrue(caller.mayUse("openai/gpt-4o"));
        assertTrue(caller.mayUse("anything-at-all"));
        assertTrue(caller.mayUse());
    }

    @Test
    void mayUse_starPattern_allowsEverything() {
        assertTrue(allowed("*").mayUse("openai/gpt-4o"));
        assertTrue(allowed("*").mayUse(""));
    }

    @Test
    void mayUse_providerWildcard_allowsOnlyThatProvider() {
        ClientIdentity caller = allowed("openai/*");
        assertTrue(caller.mayUse("openai/gpt-4o"));
        assertTrue(caller.mayUse("openai/"));
        assertFalse(caller.mayUse("openrouter/gpt-4o"));
        assertFalse(caller.mayUse("gpt-4o"));
        assertFalse(caller.mayUse("xopenai/gpt-4o"));
    }

    @Test
    void mayUse_exactId_matchesOnlyThatId() {
        ClientIdentity caller = allowed("openai/gpt-4o");
        assertTrue(caller.mayUse("openai/gpt-4o"));
        assertFalse(caller.mayUse("openai/gpt-4o-mini"));
        assertFalse(caller.mayUse("openai/gpt-4"));
        assertFalse(caller.mayUse("OPENAI/GPT-4O"));
    }

    @Test
    void mayUse_severalIds_allowedWhenAnyMatches() {
        ClientIdentity caller = allowed("openai/*");
        assertTrue(caller.mayUse("fast", "openai/gpt-4o-mini"));
        assertTrue(allowed("fast").mayUse("fast", "openrouter/x"));
        assertFalse(caller.mayUse("fast", "openrouter/x"));
    }

    @Test
    void mayUse_severalPatterns_allowedWhenAnyMatches() {
        ClientIdentity caller = allowed("openai/gpt-4o", "openrouter/*");
        assertTrue(caller.mayUse("openai/gpt-4o"));
        assertTrue(caller.mayUse("openrouter/meta/llama"));
        assertFalse(caller.mayUse("openai/o3"));
    }

    @Test
    void mayUse_nonEmptyListAndNoIds_isDenied() {
        assertFalse(allowed("*").mayUse());
    }

    @Test
    void constructor_copiesTheList() {
        List<String> patterns = new ArrayList<>(List.of("openai/*"));
        ClientIdentity caller = new ClientIdentity("id", "n", patterns);
        patterns.clear();
        assertEquals(List.of("openai/*"), caller.allowedModels());
        assertFalse(caller.mayUse("other/x"));
    }

    @Test
    void constructor_nullKeyId_throws() {
        assertThrows(NullPointerException.class, () -> new ClientIdentity(null, "n", List.of()));
    }
}
