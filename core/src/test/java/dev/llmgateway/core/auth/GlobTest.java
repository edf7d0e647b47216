package dev.llmgateway.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource({
            "*, '', true",
            "*, abc, true",
            "'', '', true",
            "'', a, false",
            "abc, abc, true",
            "abc, abcd, false",
            "abcd, abc, false",
            "a*, a, true",
            "a*, abc, true",
            "a*, ba, false",
            "*c, abc, true",
            "*c, abcd, false",
            "a*c, ac, true",
            "a*c, abbbc, true",
            "a*c, abcb, false",
            "openai/*, openai/gpt-4o, true",
            "openai/*, openai, false",
            "*/gpt-4o, openrouter/gpt-4o, true",
            "*/gpt-4o, openrouter/gpt-4o-mini, false",
            "*mini*, openai/gpt-4o-mini-2024, true",
            "a**b, ab, true",
            "a*b*c, axxbyyc, true",
            "a*b*c, axxcyyb, false",
            "a*aab, aaaab, true",
            "?, a, false",
            "a.c, abc, false",
    })
    void matches_pattern_givesExpectedResult(String pattern, String text, boolean expected) {
        assertEquals(expected, Glob.matches(pattern, text));
    }
}
