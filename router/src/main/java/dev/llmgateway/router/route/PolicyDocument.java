package dev.llmgateway.router.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.router.config.GatewayConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A routing policy as JSON, the admin API's form of {@code router.policies.<name>} (the same keys in
 * snake_case): read with every problem named by its field, and written back (with the defaults filled
 * in, which is what is stored). The name is not part of the document. Stateless; thread-safe.
 *
 * <pre>{@code
 * {"quality_target": 0.5, "classify_budget": "50ms", "fallback": "openai/gpt-4o-mini",
 *  "max_error_rate": 0.25, "min_requests": 10, "max_latency_ratio": 3, "live_window": "5m",
 *  "candidates": [{"model": "openai/gpt-4o-mini", "input_price": 0.15, "output_price": 0.6,
 *                  "quality": 0.6, "context": 128000, "tools": true, "vision": true, "json": true}]}
 * }</pre>
 */
public final class PolicyDocument {

    /** The fields of a policy body ({@code name} only where the route takes it from the body). */
    public static final List<String> FIELDS = List.of("name", "quality_target", "classify_budget", "fallback",
            "candidates", "max_error_rate", "min_requests", "max_latency_ratio", "live_window");
    static final List<String> CANDIDATE_FIELDS = List.of("model", "input_price", "output_price", "quality",
            "context", "tools", "vision", "json");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    /** One thing wrong with a body: the field ({@code candidates[1].quality}) and what. */
    public record Problem(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    /** The policy read from a body, present when there were no problems. */
    public record Checked(Optional<PolicySettings> settings, List<Problem> problems) {
        public Checked {
            problems = List.copyOf(problems);
        }
    }

    private PolicyDocument() {
    }

    /** Reads {@code body} as the policy {@code name}; candidates must be models of {@code providers}. */
    public static Checked read(String name, JsonNode body, Map<String, GatewayConfig.Provider> providers) {
        List<Problem> problems = new ArrayList<>();
        if (!(body instanceof ObjectNode o)) {
            return new Checked(Optional.empty(), List.of(new Problem("body", "must be a JSON object")));
        }
        o.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                problems.add(new Problem(f, "unknown field (expected one of " + String.join(", ", FIELDS) + ")"));
            }
        });
        double target = number(o, "quality_target", 0.5, 0, 1, problems);
        Duration budget = duration(o, "classify_budget", Duration.ofMillis(50), Duration.ofMillis(1),
                Duration.ofSeconds(30), problems);
        Optional<String> fallback = text(o, "fallback", problems);
        LiveRules d = LiveRules.DEFAULTS;
        double maxErrorRate = number(o, "max_error_rate", d.maxErrorRate(), 0, 1, problems);
        double minRequests = number(o, "min_requests", d.minRequests(), 1, 1_000_000, problems);
        if (minRequests != Math.rint(minRequests)) {
            problems.add(new Problem("min_requests", "must be a whole number"));
        }
        double maxLatencyRatio = number(o, "max_latency_ratio", d.maxLatencyRatio(), 0, 1_000, problems);
        if (maxLatencyRatio > 0 && maxLatencyRatio < 1) {
            problems.add(new Problem("max_latency_ratio", "must be 0 (off) or at least 1, got " + maxLatencyRatio));
        }
        Duration window = duration(o, "live_window", d.window(), LiveRules.MIN_WINDOW, LiveRules.MAX_WINDOW, problems);
        List<Candidate> candidates = candidates(o.get("candidates"), providers, problems);
        fallback.filter(f -> candidates.stream().noneMatch(c -> c.model().equals(f)))
                .ifPresent(f -> problems.add(new Problem("fallback", "'" + f + "' is not one of the candidates")));
        if (!problems.isEmpty()) {
            return new Checked(Optional.empty(), problems);
        }
        return new Checked(Optional.of(new PolicySettings(name, candidates, target, budget, fallback,
                new LiveRules(maxErrorRate, (int) minRequests, maxLatencyRatio, window))), List.of());
    }

    private static List<Candidate> candidates(JsonNode node, Map<String, GatewayConfig.Provider> providers,
                                              List<Problem> problems) {
        List<Candidate> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            problems.add(new Problem("candidates", "is required: a list of at least one candidate model"));
            return out;
        }
        if (!node.isArray() || node.isEmpty()) {
            problems.add(new Problem("candidates", "must be a list of at least one candidate model"));
            return out;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String cp = "candidates[" + i + "]";
            if (!(node.get(i) instanceof ObjectNode c)) {
                problems.add(new Problem(cp, "must be an object"));
                continue;
            }
            int before = problems.size();
            c.fieldNames().forEachRemaining(f -> {
                if (!CANDIDATE_FIELDS.contains(f)) {
                    problems.add(new Problem(cp + "." + f, "unknown field (expected one of "
                            + String.join(", ", CANDIDATE_FIELDS) + ")"));
                }
            });
            String model = text(c, "model", problems, cp + ".").orElse("");
            if (model.isEmpty()) {
                problems.add(new Problem(cp + ".model", "is required: provider/model"));
            } else {
                modelProblem(model, providers).ifPresent(p -> problems.add(new Problem(cp + ".model", p)));
                if (!seen.add(model)) {
                    problems.add(new Problem(cp + ".model", "'" + model + "' is a candidate already"));
                }
            }
            double quality = -1;
            if (!c.has("quality") || c.get("quality").isNull()) {
                problems.add(new Problem(cp + ".quality", "is required: a number from 0 to 1"));
            } else {
                quality = number(c, "quality", -1, 0, 1, problems, cp + ".");
            }
            int beforePrices = problems.size();
            double in = number(c, "input_price", Double.NaN, 0, Double.MAX_VALUE, problems, cp + ".");
            double outPrice = number(c, "output_price", Double.NaN, 0, Double.MAX_VALUE, problems, cp + ".");
            if (problems.size() == beforePrices && present(c, "input_price") != present(c, "output_price")) {
                problems.add(new Problem(cp, "give both input_price and output_price, or neither (then the price book "
                        + "prices the model)"));
            }
            double context = number(c, "context", 0, 0, Integer.MAX_VALUE, problems, cp + ".");
            if (context != Math.rint(context)) {
                problems.add(new Problem(cp + ".context", "must be a whole number of tokens"));
            }
            boolean tools = bool(c, "tools", true, problems, cp + ".");
            boolean vision = bool(c, "vision", false, problems, cp + ".");
            boolean json = bool(c, "json", true, problems, cp + ".");
            if (problems.size() == before) {
                out.add(new Candidate(model, in, outPrice, quality, (int) context, tools, vision, json));
            }
        }
        return out;
    }

    private static boolean present(ObjectNode o, String field) {
        return o.has(field) && !o.get(field).isNull();
    }

    /** Why {@code model} cannot be a candidate, if it cannot: it must be provider/model of a configured provider. */
    static Optional<String> modelProblem(String model, Map<String, GatewayConfig.Provider> providers) {
        int slash = model.indexOf('/');
        GatewayConfig.Provider provider = slash > 0 ? providers.get(model.substring(0, slash)) : null;
        if (provider == null) {
            return Optional.of("unknown model '" + model + "': must be provider/model for a configured provider ("
                    + String.join(", ", providers.keySet()) + ")");
        }
        String bare = model.substring(slash + 1);
        if (bare.isEmpty()) {
            return Optional.of("'" + model + "' names no model");
        }
        if (!provider.models().isEmpty() && !provider.models().contains(bare)) {
            return Optional.of("unknown model '" + model + "': '" + bare + "' is not in the models of provider '"
                    + provider.name() + "' " + provider.models());
        }
        return Optional.empty();
    }

    /** The stored form: every field, defaults filled in (no name). */
    public static ObjectNode toJson(PolicySettings s) {
        ObjectNode o = Json.object().put("quality_target", s.qualityTarget())
                .put("classify_budget", duration(s.classifyBudget()));
        s.fallback().ifPresent(f -> o.put("fallback", f));
        o.put("max_error_rate", s.live().maxErrorRate()).put("min_requests", s.live().minRequests())
                .put("max_latency_ratio", s.live().maxLatencyRatio()).put("live_window", duration(s.live().window()));
        ArrayNode list = o.putArray("candidates");
        for (Candidate c : s.candidates()) {
            ObjectNode candidate = list.addObject().put("model", c.model());
            if (c.declaresPrices()) {
                candidate.put("input_price", c.inputPrice()).put("output_price", c.outputPrice());
            }
            candidate.put("quality", c.quality()).put("context", c.contextTokens())
                    .put("tools", c.tools()).put("vision", c.vision()).put("json", c.json());
        }
        return o;
    }

    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1_000 == 0 ? ms / 1_000 + "s" : ms + "ms";
    }

    private static Optional<String> text(ObjectNode o, String field, List<Problem> problems) {
        return text(o, field, problems, "");
    }

    private static Optional<String> text(ObjectNode o, String field, List<Problem> problems, String prefix) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            problems.add(new Problem(prefix + field, "must be a string"));
            return Optional.empty();
        }
        return Optional.of(n.asText().trim()).filter(s -> !s.isEmpty());
    }

    private static double number(ObjectNode o, String field, double fallback, double min, double max,
                                 List<Problem> problems) {
        return number(o, field, fallback, min, max, problems, "");
    }

    private static double number(ObjectNode o, String field, double fallback, double min, double max,
                                 List<Problem> problems, String prefix) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isNumber()) {
            problems.add(new Problem(prefix + field, "must be a number"));
            return fallback;
        }
        double v = n.asDouble();
        if (v < min || v > max || Double.isNaN(v)) {
            String range = max == Double.MAX_VALUE ? (min == 0 ? "must not be negative" : "must be at least " + num(min))
                    : "must be from " + num(min) + " to " + num(max);
            problems.add(new Problem(prefix + field, range + ", got " + num(v)));
            return fallback;
        }
        return v;
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static boolean bool(ObjectNode o, String field, boolean fallback, List<Problem> problems, String prefix) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isBoolean()) {
            problems.add(new Problem(prefix + field, "must be true or false"));
            return fallback;
        }
        return n.asBoolean();
    }

    private static Duration duration(ObjectNode o, String field, Duration fallback, Duration min, Duration max,
                                     List<Problem> problems) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        Matcher m = n.isTextual() ? DURATION.matcher(n.asText().trim()) : null;
        if (m == null || !m.matches()) {
            problems.add(new Problem(field, "must be a duration such as 500ms, 30s or 5m"));
            return fallback;
        }
        long v = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(v);
            case "s" -> Duration.ofSeconds(v);
            case "m" -> Duration.ofMinutes(v);
            default -> Duration.ofHours(v);
        };
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            problems.add(new Problem(field, "must be from " + duration(min) + " to " + duration(max) + ", got "
                    + n.asText().trim()));
            return fallback;
        }
        return d;
    }
}
