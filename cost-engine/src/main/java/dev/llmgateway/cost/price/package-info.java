/**
 * The price book: {@link dev.llmgateway.cost.price.PriceBook} (prices per provider, model and
 * date), {@link dev.llmgateway.cost.price.Price} (exact USD per million tokens by kind),
 * {@link dev.llmgateway.cost.price.TokenCounts} and {@link dev.llmgateway.cost.price.Cost}.
 * No floating point anywhere: every amount is a {@link java.math.BigDecimal}.
 */
package dev.llmgateway.cost.price;
