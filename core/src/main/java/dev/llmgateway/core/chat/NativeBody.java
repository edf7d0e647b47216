package dev.llmgateway.core.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The body exactly as it arrived, in its dialect. When the other side speaks the same dialect it is
 * forwarded with only the fields the gateway owns changed, so fields the canonical model does not
 * type (logprobs, service tiers, vendor extensions) survive. Owned by the exchange; copy before
 * changing it.
 */
public record NativeBody(Dialect dialect, ObjectNode json) {
    public NativeBody {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(json, "json");
    }
}
