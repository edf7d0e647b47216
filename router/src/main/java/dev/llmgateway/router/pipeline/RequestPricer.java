package dev.llmgateway.router.pipeline;

import dev.llmgateway.cost.price.Cost;
import dev.llmgateway.cost.price.PriceBook;
import dev.llmgateway.cost.price.TokenCounts;
import dev.llmgateway.router.config.GatewayConfig;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prices a completed request with the price book. A configured provider is priced as the book's
 * provider of the same name when the book has one ({@code openai}, {@code anthropic},
 * {@code google}, {@code openrouter}), else by its base URI's host, else by its type (so an
 * OpenAI-compatible endpoint serving OpenAI model names is priced like OpenAI, and any other model
 * is unpriced). Thread-safe.
 */
public final class RequestPricer {

    private static final Map<String, String> HOSTS = Map.of(
            "api.openai.com", "openai", "api.anthropic.com", "anthropic",
            "generativelanguage.googleapis.com", "google", "openrouter.ai", "openrouter");

    private final PriceBook book;
    private final Map<String, String> priceProvider = new HashMap<>();

    public RequestPricer(PriceBook book, Map<String, GatewayConfig.Provider> providers) {
        this.book = book;
        providers.forEach((name, p) -> priceProvider.put(name, priceProviderOf(book, p)));
    }

    /** The exact cost of the request: zero when no upstream reported usage for it. */
    public Cost cost(RequestOutcome outcome) {
        if (outcome.servedBy().isEmpty() || outcome.usage().isEmpty()) {
            return new Cost(BigDecimal.ZERO, false);
        }
        String provider = outcome.servedBy().get().provider();
        return book.cost(priceProvider.getOrDefault(provider, provider), outcome.servedBy().get().model(),
                outcome.finishedAt(), TokenCounts.from(outcome.usage().get()));
    }

    static String priceProviderOf(PriceBook book, GatewayConfig.Provider p) {
        if (book.knowsProvider(p.name())) {
            return p.name().toLowerCase(Locale.ROOT);
        }
        String host = p.baseUri().getHost() == null ? "" : p.baseUri().getHost().toLowerCase(Locale.ROOT);
        if (HOSTS.containsKey(host)) {
            return HOSTS.get(host);
        }
        return switch (p.type()) {
            case OPENAI -> "openai";
            case ANTHROPIC -> "anthropic";
            case GEMINI -> "google";
        };
    }
}
