package dev.llmgateway.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** The shape the answer must take. */
public sealed interface ResponseFormat {

    record Text() implements ResponseFormat {
    }

    /** Any JSON object. */
    record JsonObject() implements ResponseFormat {
    }

    /** JSON matching {@code schema}. */
    record JsonSchema(String name, JsonNode schema, Optional<Boolean> strict) implements ResponseFormat {
    }
}
