package dev.llmgateway.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/** A function the model may call; {@code parameters} is a JSON Schema object. */
public record ToolDefinition(String name, Optional<String> description, JsonNode parameters,
                             Optional<Boolean> strict) {
    public ToolDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parameters, "parameters");
    }
}
