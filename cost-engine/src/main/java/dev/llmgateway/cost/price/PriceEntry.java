package dev.llmgateway.cost.price;

import dev.llmgateway.core.auth.Glob;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One line of the price book: a provider's model, the other names it answers to, the day from
 * which the price applies (UTC) and the price. A model whose price changed has one entry per price.
 *
 * @param provider      the price book's provider name ({@code openai}, {@code anthropic}, {@code google},
 *                      {@code openrouter}, …)
 * @param model         the model id
 * @param aliases       other ids of the same model: dated snapshots, short names; {@code *} matches any run
 *                      of characters ({@code claude-sonnet-4-5-*})
 * @param effectiveFrom the first day (UTC) the price applies
 */
public record PriceEntry(String provider, String model, List<String> aliases, LocalDate effectiveFrom, Price price) {

    public PriceEntry {
        provider = Objects.requireNonNull(provider, "provider").toLowerCase(Locale.ROOT);
        Objects.requireNonNull(model, "model");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(price, "price");
    }

    /**
     * How well {@code id} matches this entry's names: -1 for no match, {@link Integer#MAX_VALUE} for
     * the model id itself, one less for an exact alias, otherwise the number of literal characters of
     * the best matching pattern, so {@code gpt-4o-mini-*} beats {@code gpt-4o-*}.
     */
    int match(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        if (model.toLowerCase(Locale.ROOT).equals(wanted)) {
            return Integer.MAX_VALUE;
        }
        int best = -1;
        for (String alias : aliases) {
            String a = alias.toLowerCase(Locale.ROOT);
            if (a.indexOf('*') < 0) {
                if (a.equals(wanted)) {
                    best = Integer.MAX_VALUE - 1;
                }
            } else if (Glob.matches(a, wanted)) {
                best = Math.max(best, a.replace("*", "").length());
            }
        }
        return best;
    }
}
