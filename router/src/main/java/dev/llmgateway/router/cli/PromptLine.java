package dev.llmgateway.router.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.classifier.Classification;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One prompt of a {@code classify} input file, and the line written for it.
 *
 * <p>Input: a JSON object with an {@code id} (string or number, echoed as given) and the prompt in
 * {@code text} or, when there is no {@code text}, {@code prompt}; other fields are ignored. Output:
 * {@code {"id", "language", "intent", "intent_confidence", "complexity"}}, scores to four decimals.
 *
 * @param number the line's 1-based number in the input, for messages
 * @param id     the input's {@code id}, a string or number node
 * @param text   the prompt as written in the file
 */
record PromptLine(int number, JsonNode id, String text) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    /** A line that is not a usable prompt; the message names the line. */
    static final class Invalid extends RuntimeException {
        Invalid(int number, String why) {
            super("line " + number + ": " + why);
        }
    }

    /** Parses one input line; throws {@link Invalid} saying what is wrong with it. */
    static PromptLine parse(String line, int number) {
        JsonNode row;
        try {
            row = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new Invalid(number, "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (row == null || !row.isObject()) {
            throw new Invalid(number, "not a JSON object");
        }
        JsonNode id = row.get("id");
        if (id == null || id.isNull()) {
            throw new Invalid(number, "no \"id\"");
        }
        if (!id.isTextual() && !id.isNumber()) {
            throw new Invalid(number, "\"id\" must be a string or a number, not " + id.getNodeType().name().toLowerCase());
        }
        String field = row.hasNonNull("text") ? "text" : "prompt";
        JsonNode text = row.get(field);
        if (text == null || text.isNull()) {
            throw new Invalid(number, "no \"text\" or \"prompt\"");
        }
        if (!text.isTextual()) {
            throw new Invalid(number, "\"" + field + "\" must be a string");
        }
        return new PromptLine(number, id, text.asText());
    }

    /** The output line for this prompt (without the line break). */
    String result(Classification c) {
        ObjectNode out = JSON.createObjectNode();
        out.set("id", id);
        out.put("language", c.language().code());
        out.put("intent", c.intent().label());
        out.put("intent_confidence", rounded(c.intentConfidence()));
        out.put("complexity", rounded(c.complexity()));
        out.put("difficulty", rounded(c.difficulty()));
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    private static BigDecimal rounded(double score) {
        return BigDecimal.valueOf(score).setScale(4, RoundingMode.HALF_UP);
    }
}
