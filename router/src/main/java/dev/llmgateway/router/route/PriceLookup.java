package dev.llmgateway.router.route;

import java.util.Optional;

/**
 * The list price of a {@code provider/model}, in USD per million input and output tokens, as the
 * cost engine's price book has it now (including prices set through the admin API). Policies use
 * it for candidates that declare no prices of their own.
 */
@FunctionalInterface
public interface PriceLookup {

    /** No prices known: candidates without declared prices rank last. */
    PriceLookup NONE = model -> Optional.empty();

    /** {input, output} per million tokens, if the book prices {@code model}. */
    Optional<double[]> perMillionTokens(String model);
}
