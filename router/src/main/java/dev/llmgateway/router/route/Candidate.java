package dev.llmgateway.router.route;

import java.util.Objects;

/**
 * A model a routing policy may choose, with what the policy needs to know about it: price per
 * million input and output tokens (USD; both NaN when the policy leaves them to the price book), a
 * quality tier from 0 to 1, the context length, and whether it takes tools, images and JSON mode.
 */
public record Candidate(String model, double inputPrice, double outputPrice, double quality, int contextTokens,
                        boolean tools, boolean vision, boolean json) {
    public Candidate {
        Objects.requireNonNull(model, "model");
    }

    /** True when the policy declares this candidate's prices; false when the price book supplies them. */
    public boolean declaresPrices() {
        return !Double.isNaN(inputPrice) && !Double.isNaN(outputPrice);
    }

    /** The same candidate at the given prices. */
    public Candidate priced(double input, double output) {
        return new Candidate(model, input, output, quality, contextTokens, tools, vision, json);
    }

    /** Price of a typical request (1,000 tokens in, 300 out): what "cheapest" compares; infinite when unpriced. */
    double typicalCost() {
        return declaresPrices() ? inputPrice * 1_000 + outputPrice * 300 : Double.POSITIVE_INFINITY;
    }
}
