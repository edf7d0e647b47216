package dev.llmgateway.cost.price;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a price book from JSON:
 * <pre>{"models": [{"provider": "anthropic", "model": "claude-sonnet-4-5", "aliases": ["claude-sonnet-4-5-*"],
 *   "effective_from": "2025-09-29", "input": "3", "output": "15", "cache_write_5m": "3.75",
 *   "cache_write_1h": "6", "cache_read": "0.30", "reasoning": "15", "per_request": "0"}]}</pre>
 * Prices are USD per million tokens ({@code per_request}: per request), written as strings or
 * numbers and read as exact decimals. Only {@code input} and {@code output} are required; see
 * {@link Price} for the others' defaults. Every problem is reported with the entry it is in.
 */
final class PriceBookJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final Set<String> FIELDS = Set.of("provider", "model", "aliases", "effective_from", "input",
            "output", "cache_write_5m", "cache_write_1h", "cache_read", "reasoning", "per_request", "note");

    private PriceBookJson() {
    }

    static PriceBook read(InputStream in, String source) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode models = root == null ? null : root.get("models");
        if (models == null || !models.isArray()) {
            throw new IllegalArgumentException(source + ": needs a \"models\" array");
        }
        List<PriceEntry> entries = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            entries.add(entry(models.get(i), source + ": models[" + i + "]"));
        }
        return new PriceBook(entries);
    }

    static String write(List<PriceEntry> entries) {
        com.fasterxml.jackson.databind.node.ObjectNode root = MAPPER.createObjectNode();
        com.fasterxml.jackson.databind.node.ArrayNode models = root.putArray("models");
        for (PriceEntry e : entries) {
            com.fasterxml.jackson.databind.node.ObjectNode o = models.addObject().put("provider", e.provider())
                    .put("model", e.model());
            e.aliases().forEach(o.putArray("aliases")::add);
            Price p = e.price();
            o.put("effective_from", e.effectiveFrom().toString()).put("input", p.input().toPlainString())
                    .put("output", p.output().toPlainString()).put("cache_write_5m", p.cacheWrite5m().toPlainString())
                    .put("cache_write_1h", p.cacheWrite1h().toPlainString())
                    .put("cache_read", p.cacheRead().toPlainString()).put("reasoning", p.reasoning().toPlainString())
                    .put("per_request", p.perRequest().toPlainString());
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static PriceEntry entry(JsonNode n, String where) {
        n.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException(where + "." + f + ": unknown field");
            }
        });
        List<String> aliases = new ArrayList<>();
        n.path("aliases").forEach(a -> aliases.add(a.asText()));
        BigDecimal input = price(n, "input", where).orElseThrow(() -> missing(where, "input"));
        BigDecimal output = price(n, "output", where).orElseThrow(() -> missing(where, "output"));
        Price p = Price.of(input, output);
        BigDecimal write5m = price(n, "cache_write_5m", where).orElse(input);
        p = p.withCacheWrite(write5m, price(n, "cache_write_1h", where).orElse(write5m))
                .withCacheRead(price(n, "cache_read", where).orElse(input))
                .withReasoning(price(n, "reasoning", where).orElse(output))
                .withPerRequest(price(n, "per_request", where).orElse(BigDecimal.ZERO));
        return new PriceEntry(text(n, "provider", where), text(n, "model", where), aliases, date(n, where), p);
    }

    private static java.util.Optional<BigDecimal> price(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return java.util.Optional.empty();
        }
        try {
            BigDecimal d = v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().trim());
            if (d.signum() < 0 || !(v.isNumber() || v.isTextual())) {
                throw new NumberFormatException();
            }
            return java.util.Optional.of(d);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + "." + field + ": must be a price of 0 or more, such as \"2.50\"");
        }
    }

    private static String text(JsonNode n, String field, String where) {
        String s = n.path(field).asText("").trim();
        if (s.isEmpty()) {
            throw missing(where, field);
        }
        return s;
    }

    private static LocalDate date(JsonNode n, String where) {
        String s = text(n, "effective_from", where);
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ".effective_from: must be a date such as 2025-09-29, got '"
                    + s + "'");
        }
    }

    private static IllegalArgumentException missing(String where, String field) {
        return new IllegalArgumentException(where + "." + field + ": is required");
    }
}
