package dev.llmgateway.cost.price;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.core.chat.Usage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PriceBookTest {

    private static final PriceBook BOOK = PriceBook.defaults();
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static void assertUsd(String expected, Cost cost) {
        assertFalse(cost.unpriced());
        assertEquals(0, new BigDecimal(expected).compareTo(cost.usd()),
                "expected " + expected + " but was " + cost.usd().toPlainString());
    }

    @Test
    void cost_inputAndOutput_isExactSumPerMillion() {
        Cost c = BOOK.cost("openai", "gpt-4o-mini", NOW, TokenCounts.from(new Usage(11, 7, 0, 0, 0)));
        // 11 × 0.15 + 7 × 0.60 = 5.85 per million
        assertUsd("0.00000585", c);
        assertEquals("0.00000585", c.usd().stripTrailingZeros().toPlainString());
    }

    @Test
    void cost_cacheReadAndWrite_pricedApartFromUncachedInput() {
        // 1000 prompt tokens of which 600 read from and 300 written to the cache: 100 uncached
        Usage u = new Usage(1000, 50, 600, 300, 0);
        Cost c = BOOK.cost("anthropic", "claude-sonnet-4-5-20250929", NOW, TokenCounts.from(u));
        // 100 × 3 + 600 × 0.30 + 300 × 3.75 + 50 × 15 = 300 + 180 + 1125 + 750 = 2355
        assertUsd("0.002355", c);
    }

    @Test
    void cost_oneHourCacheWrite_usesItsOwnPriceAndUnknownDurationUsesFiveMinutes() {
        PriceEntry sonnet = BOOK.find("anthropic", "claude-sonnet-4-5", NOW).orElseThrow();
        assertUsd("0.000006", new Cost(sonnet.price().cost(new TokenCounts(0, 0, 0, 1, 0, 0)), false));
        assertUsd("0.00000375", new Cost(sonnet.price().cost(TokenCounts.from(new Usage(1, 0, 0, 1, 0))), false));
    }

    @Test
    void cost_reasoningWithoutOwnPrice_costsTheOutputPrice() {
        // o3 since 2025-06-10: output 8.00; 150 output tokens of which 100 reasoning
        Cost c = BOOK.cost("openai", "o3", NOW, TokenCounts.from(new Usage(0, 150, 0, 0, 100)));
        assertUsd("0.0012", c);
        Price own = Price.of(new BigDecimal("1"), new BigDecimal("2")).withReasoning(new BigDecimal("5"));
        assertEquals(0, new BigDecimal("0.000041").compareTo(own.cost(new TokenCounts(0, 0, 0, 0, 3, 7))));
    }

    @Test
    void find_priceChangedOnADay_usageKeepsThePriceOfItsOwnDay() {
        TokenCounts million = new TokenCounts(1_000_000, 0, 0, 0, 0, 0);
        assertUsd("10.00", BOOK.cost("openai", "o3", Instant.parse("2025-06-09T23:59:59Z"), million));
        assertUsd("2.00", BOOK.cost("openai", "o3", Instant.parse("2025-06-10T00:00:00Z"), million));
        assertUsd("2.00", BOOK.cost("openai", "o3-2025-04-16", NOW, million));
        assertTrue(BOOK.cost("openai", "o3", Instant.parse("2025-04-15T12:00:00Z"), million).unpriced());
    }

    @Test
    void find_datedSnapshotsAndAliases_matchTheMostSpecificModel() {
        TokenCounts million = new TokenCounts(1_000_000, 0, 0, 0, 0, 0);
        assertUsd("0.15", BOOK.cost("openai", "gpt-4o-mini-2024-07-18", NOW, million));
        assertUsd("2.50", BOOK.cost("openai", "gpt-4o-2024-08-06", NOW, million));
        assertUsd("5.00", BOOK.cost("openai", "gpt-4o-2024-05-13", NOW, million));
        assertUsd("5.00", BOOK.cost("anthropic", "claude-opus-4-5-20251101", NOW, million));
        assertUsd("15.00", BOOK.cost("anthropic", "claude-opus-4-1-20250805", NOW, million));
        assertUsd("0.10", BOOK.cost("google", "gemini-2.5-flash-lite-preview-06-17", NOW, million));
        assertUsd("3.00", BOOK.cost("OpenRouter", "anthropic/claude-sonnet-4.5", NOW, million));
    }

    @Test
    void cost_unknownModelOrProvider_isZeroAndFlaggedUnpriced() {
        Cost c = BOOK.cost("openai", "gpt-9-turbo", NOW, new TokenCounts(5, 0, 0, 0, 5, 0));
        assertTrue(c.unpriced());
        assertEquals(0, c.usd().signum());
        assertTrue(BOOK.cost("local-vllm", "llama", NOW, TokenCounts.NONE).unpriced());
        assertFalse(BOOK.knowsProvider("local-vllm"));
        assertTrue(BOOK.knowsProvider("OpenAI"));
    }

    @Test
    void cost_hugeCountsAndTinyPrices_stayExact() {
        Price p = Price.of(new BigDecimal("0.0000001"), new BigDecimal("123456.789"))
                .withPerRequest(new BigDecimal("0.004"));
        BigDecimal c = p.cost(new TokenCounts(3, 0, 0, 0, 9_000_000_000_000L, 0));
        // 3 × 0.0000001 / 1e6 + 9e12 × 123456.789 / 1e6 + 0.004
        assertEquals(0, new BigDecimal("1111111101000.0040000000003").compareTo(c), c.toPlainString());
    }

    @Test
    void from_moreCachedThanPromptTokens_neverNegative() {
        TokenCounts t = TokenCounts.from(new Usage(10, 5, 8, 8, 9));
        assertEquals(new TokenCounts(0, 8, 8, 0, 0, 9), t);
    }

    @Test
    void read_entryWithoutOptionalPrices_fillsProviderDefaults() throws Exception {
        PriceBook book = read("""
                {"models": [{"provider": "acme", "model": "m1", "effective_from": "2025-01-01",
                             "input": 2, "output": "4.5"}]}""");
        Price p = book.find("acme", "m1", NOW).orElseThrow().price();
        assertEquals(new Price(new BigDecimal("2"), new BigDecimal("4.5"), new BigDecimal("2"), new BigDecimal("2"),
                new BigDecimal("2"), new BigDecimal("4.5"), BigDecimal.ZERO), p);
    }

    @Test
    void read_badEntries_namesTheEntryAndField() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> read("""
                {"models": [{"provider": "acme", "model": "m1", "effective_from": "2025-01-01", "input": "1"}]}"""));
        assertEquals("test: models[0].output: is required", missing.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> read("""
                {"models": [{"provider": "a", "model": "m", "effective_from": "2025-01-01", "input": "-1",
                             "output": "1"}]}"""));
        assertTrue(negative.getMessage().startsWith("test: models[0].input: must be a price"), negative.getMessage());
        IllegalArgumentException date = assertThrows(IllegalArgumentException.class, () -> read("""
                {"models": [{"provider": "a", "model": "m", "effective_from": "soon", "input": "1", "output": "1"}]}"""));
        assertTrue(date.getMessage().contains("effective_from"), date.getMessage());
    }

    @Test
    void defaults_coverTheFourProviders() {
        Set<String> providers = BOOK.entries().stream().map(PriceEntry::provider).collect(Collectors.toSet());
        assertEquals(Set.of("openai", "anthropic", "google", "openrouter"), providers);
        for (String[] m : List.of(new String[] {"openai", "gpt-5"}, new String[] {"anthropic", "claude-haiku-4-5"},
                new String[] {"google", "gemini-2.5-pro"}, new String[] {"openrouter", "openai/gpt-4o-mini"})) {
            assertTrue(BOOK.find(m[0], m[1], NOW).isPresent(), m[0] + "/" + m[1]);
        }
    }

    private static PriceBook read(String json) throws Exception {
        return PriceBookJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test");
    }
}
