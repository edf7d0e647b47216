package dev.llmgateway.cost.price;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a request cost in exact US dollars. {@code unpriced} is true when the price book has no
 * price for the model at that time; the cost is then zero, not a guess.
 */
public record Cost(BigDecimal usd, boolean unpriced) {

    public static final Cost UNPRICED = new Cost(BigDecimal.ZERO, true);

    public Cost {
        Objects.requireNonNull(usd, "usd");
    }
}
