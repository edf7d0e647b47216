package dev.llmgateway.router.pipeline;

import dev.llmgateway.cost.price.Cost;
import dev.llmgateway.cost.price.PriceBook;
import dev.llmgateway.cost.price.TokenCounts;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.route.Target;
import java.math.BigDecimal;
import java.time.Instant;
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

    /** The book and, per configured provider, the book's provider that prices it. */
    private record State(PriceBook book, Map<String, String> priceProvider) {
    }

    private final Map<String, GatewayConfig.Provider> providers;
    private volatile State state;

    public RequestPricer(PriceBook book, Map<String, GatewayConfig.Provider> providers) {
        this.providers = Map.copyOf(providers);
        use(book);
    }

    /** Prices requests that finish from now on with {@code book} (after a price change). */
    public void use(PriceBook book) {
        Map<String, String> priceProvider = new HashMap<>();
        providers.forEach((name, p) -> priceProvider.put(name, priceProviderOf(book, p)));
        this.state = new State(book, Map.copyOf(priceProvider));
    }

    /** The exact cost of the request: zero when no upstream reported usage for it. */
    public Cost cost(RequestOutcome outcome) {
        if (outcome.servedBy().isEmpty() || outcome.usage().isEmpty()) {
            return new Cost(BigDecimal.ZERO, false);
        }
        String provider = outcome.servedBy().get().provider();
        State s = state;
        return s.book().cost(s.priceProvider().getOrDefault(provider, provider), outcome.servedBy().get().model(),
                outcome.finishedAt(), TokenCounts.from(outcome.usage().get()));
    }

    /**
     * The cost of {@code request} sent to {@code target} as estimated before the call: its prompt
     * estimated by {@link TokenEstimator} as uncached input, and its output bounded by its max-token
     * setting, else {@code defaultOutputTokens}. Zero for a model the book has no price for.
     */
    public BigDecimal estimate(ChatRequest request, Target target, Instant at, int defaultOutputTokens) {
        long output = request.sampling().maxOutputTokens().orElse(defaultOutputTokens);
        TokenCounts tokens = new TokenCounts(TokenEstimator.promptTokens(request), 0, 0, 0, Math.max(0, output), 0);
        String provider = target.provider();
        State s = state;
        return s.book().find(s.priceProvider().getOrDefault(provider, provider), target.model(), at)
                .map(e -> e.price().cost(tokens)).orElse(BigDecimal.ZERO);
    }

    /**
     * The list price of {@code target} at {@code at}, USD per million {input, output} tokens, if the
     * book prices it: what a routing policy compares for candidates that declare no price.
     */
    public java.util.Optional<double[]> perMillionTokens(Target target, Instant at) {
        State s = state;
        return s.book().find(s.priceProvider().getOrDefault(target.provider(), target.provider()), target.model(), at)
                .map(e -> new double[] {e.price().input().doubleValue(), e.price().output().doubleValue()});
    }

    /** The price book: the shipped catalogue, with the entries of {@code cost.price-book} on top when set. */
    public static PriceBook book(GatewayConfig.Cost cost) {
        PriceBook book = PriceBook.defaults();
        return cost.priceBook().map(file -> book.overriddenBy(PriceBook.load(file))).orElse(book);
    }

    /** The book this pricer uses now. */
    public PriceBook book() {
        return state.book();
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
