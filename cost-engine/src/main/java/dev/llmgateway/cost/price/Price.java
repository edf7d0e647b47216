package dev.llmgateway.cost.price;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one model costs, in exact US dollars: token prices are per million tokens, {@code perRequest}
 * per request. Prices a provider does not list separately are filled in by {@link #of} the way
 * providers bill them: cache writes and reads cost the input price, a one-hour cache write the
 * five-minute price, reasoning tokens the output price.
 *
 * @param input        uncached prompt tokens
 * @param output       visible completion tokens
 * @param cacheWrite5m prompt tokens written to a five-minute prompt cache (Anthropic's default)
 * @param cacheWrite1h prompt tokens written to a one-hour prompt cache
 * @param cacheRead    prompt tokens read from the prompt cache
 * @param reasoning    reasoning ("thinking") tokens
 * @param perRequest   a fixed price per request (web search, some routers); usually zero
 */
public record Price(BigDecimal input, BigDecimal output, BigDecimal cacheWrite5m, BigDecimal cacheWrite1h,
                    BigDecimal cacheRead, BigDecimal reasoning, BigDecimal perRequest) {

    private static final BigDecimal ZERO = BigDecimal.ZERO;

    public Price {
        for (BigDecimal p : new BigDecimal[] {input, output, cacheWrite5m, cacheWrite1h, cacheRead, reasoning,
                perRequest}) {
            Objects.requireNonNull(p, "price");
            if (p.signum() < 0) {
                throw new IllegalArgumentException("a price cannot be negative: " + p.toPlainString());
            }
        }
    }

    /** Input and output only: every other kind costs what providers charge when they list nothing for it. */
    public static Price of(BigDecimal input, BigDecimal output) {
        return new Price(input, output, input, input, input, output, ZERO);
    }

    public Price withCacheWrite(BigDecimal fiveMinutes, BigDecimal oneHour) {
        return new Price(input, output, fiveMinutes, oneHour, cacheRead, reasoning, perRequest);
    }

    public Price withCacheRead(BigDecimal price) {
        return new Price(input, output, cacheWrite5m, cacheWrite1h, price, reasoning, perRequest);
    }

    public Price withReasoning(BigDecimal price) {
        return new Price(input, output, cacheWrite5m, cacheWrite1h, cacheRead, price, perRequest);
    }

    public Price withPerRequest(BigDecimal price) {
        return new Price(input, output, cacheWrite5m, cacheWrite1h, cacheRead, reasoning, price);
    }

    /**
     * The exact cost of {@code tokens}: the sum of each kind's count times its price per million,
     * plus the per-request price. Only multiplication and a shift of the decimal point: nothing is
     * rounded.
     */
    public BigDecimal cost(TokenCounts tokens) {
        BigDecimal perMillion = times(tokens.uncachedInput(), input)
                .add(times(tokens.cacheWrite5m(), cacheWrite5m))
                .add(times(tokens.cacheWrite1h(), cacheWrite1h))
                .add(times(tokens.cacheRead(), cacheRead))
                .add(times(tokens.output(), output))
                .add(times(tokens.reasoning(), reasoning));
        return perMillion.movePointLeft(6).add(perRequest);
    }

    private static BigDecimal times(long count, BigDecimal price) {
        return count == 0 ? ZERO : BigDecimal.valueOf(count).multiply(price);
    }
}
