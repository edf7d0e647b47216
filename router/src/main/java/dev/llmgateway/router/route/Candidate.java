package dev.llmgateway.router.route;

import java.util.Objects;

/**
 * A model a routing policy may choose, with what the policy needs to know about it: price per
 * million input and output tokens (USD), a quality tier from 0 to 1, the context length, and
 * whether it takes tools, images and JSON mode.
 */
public record Candidate(String model, double inputPrice, double outputPrice, double quality, int contextTokens,
                        boolean tools, boolean vision, boolean json) {
    public Candidate {
        Objects.requireNonNull(model, "model");
    }

    /** Price of a typical request (1,000 tokens in, 300 out): what "cheapest" compares. */
    double typicalCost() {
        return inputPrice * 1_000 + outputPrice * 300;
    }
}
