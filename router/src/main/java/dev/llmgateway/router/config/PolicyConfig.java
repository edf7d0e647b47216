package dev.llmgateway.router.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.router.route.Candidate;
import dev.llmgateway.router.route.LiveRules;
import dev.llmgateway.router.route.PolicySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@code router.policies.<name>}: smart-routing policies and their candidate models. */
final class PolicyConfig {

    private static final List<String> CANDIDATE_FIELDS = List.of("model", "input-price", "output-price", "quality",
            "context", "tools", "vision", "json");

    private PolicyConfig() {
    }

    static Map<String, PolicySettings> read(ConfigReader r, Map<String, GatewayConfig.Provider> providers,
                                            Map<String, String> aliases) {
        Map<String, PolicySettings> out = new LinkedHashMap<>();
        for (String name : r.mapNames("router.policies", List.of("quality-target", "classify-budget", "fallback",
                "max-error-rate", "min-requests", "max-latency-ratio", "live-window"))) {
            String p = "router.policies." + name;
            if (providers.containsKey(name) || aliases.containsKey(name) || name.contains("/")) {
                r.problem(p, "a policy name must not be a provider, an alias or contain '/'");
                r.ignore(p);
                continue;
            }
            double target = r.number(p + ".quality-target", 0.5, 0, 1);
            Duration budget = r.duration(p + ".classify-budget", Duration.ofMillis(50));
            Optional<String> fallback = r.optionalString(p + ".fallback");
            List<Candidate> candidates = candidates(r, p, providers);
            if (candidates.isEmpty()) {
                r.problem(p + ".candidates", "needs at least one candidate model");
                continue;
            }
            fallback.filter(f -> candidates.stream().noneMatch(c -> c.model().equals(f)))
                    .ifPresent(f -> r.problem(p + ".fallback", "'" + f + "' is not one of the candidates"));
            out.put(name, new PolicySettings(name, candidates, target, budget, fallback, live(r, p)));
        }
        return out;
    }

    /** The live-score thresholds ({@link LiveRules}); a bad value is reported and the default kept. */
    private static LiveRules live(ConfigReader r, String p) {
        LiveRules d = LiveRules.DEFAULTS;
        double maxErrorRate = r.number(p + ".max-error-rate", d.maxErrorRate(), 0, 1);
        int minRequests = r.integer(p + ".min-requests", d.minRequests(), 1, 1_000_000);
        double ratio = r.number(p + ".max-latency-ratio", d.maxLatencyRatio(), 0, 1_000);
        if (ratio > 0 && ratio < 1) {
            r.problem(p + ".max-latency-ratio", "must be 0 (off) or at least 1, got " + ratio);
            ratio = d.maxLatencyRatio();
        }
        Duration window = r.duration(p + ".live-window", d.window());
        if (window.compareTo(LiveRules.MIN_WINDOW) < 0 || window.compareTo(LiveRules.MAX_WINDOW) > 0) {
            r.problem(p + ".live-window", "must be from 10s to 15m, got " + window.toSeconds() + "s");
            window = d.window();
        }
        return new LiveRules(maxErrorRate, minRequests, ratio, window);
    }

    private static List<Candidate> candidates(ConfigReader r, String p, Map<String, GatewayConfig.Provider> providers) {
        List<Candidate> out = new ArrayList<>();
        List<JsonNode> items = r.objects(p + ".candidates");
        for (int i = 0; i < items.size(); i++) {
            String cp = p + ".candidates[" + i + "]";
            JsonNode c = items.get(i);
            c.fieldNames().forEachRemaining(f -> {
                if (!CANDIDATE_FIELDS.contains(f)) {
                    r.problem(cp + "." + f, "unknown key (expected one of " + CANDIDATE_FIELDS + ")");
                }
            });
            String model = c.path("model").asText("");
            int slash = model.indexOf('/');
            GatewayConfig.Provider provider = slash > 0 ? providers.get(model.substring(0, slash)) : null;
            if (provider == null) {
                r.problem(cp + ".model", "must be provider/model for a configured provider, got '" + model + "'");
                continue;
            }
            String bare = model.substring(slash + 1);
            if (!provider.models().isEmpty() && !provider.models().contains(bare)) {
                r.problem(cp + ".model", "'" + bare + "' is not in the models of provider '" + provider.name() + "'");
                continue;
            }
            double quality = c.path("quality").asDouble(-1);
            if (quality < 0 || quality > 1) {
                r.problem(cp + ".quality", "is required, a number from 0 to 1");
                continue;
            }
            if (c.has("input-price") != c.has("output-price")) {
                r.problem(cp, "give both input-price and output-price, or neither (then the price book prices it)");
                continue;
            }
            double in = c.path("input-price").asDouble(Double.NaN);
            double outPrice = c.path("output-price").asDouble(Double.NaN);
            if (in < 0 || outPrice < 0) {
                r.problem(cp, "prices must not be negative");
                continue;
            }
            out.add(new Candidate(model, in, outPrice, quality, c.path("context").asInt(0),
                    c.path("tools").asBoolean(true), c.path("vision").asBoolean(false), c.path("json").asBoolean(true)));
        }
        return out;
    }
}
