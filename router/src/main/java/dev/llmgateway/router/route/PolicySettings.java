package dev.llmgateway.router.route;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code router.policies.<name>} (or a policy stored through the admin API): the candidates of a
 * smart-routing policy, its quality target (0 = the cheapest adequate model, 1 = the strongest), the
 * classifier's time budget, the model used when the classifier cannot answer in time (default: the
 * cheapest eligible candidate), and the live-score thresholds.
 */
public record PolicySettings(String name, List<Candidate> candidates, double qualityTarget, Duration classifyBudget,
                             Optional<String> fallback, LiveRules live) {
    public PolicySettings {
        candidates = List.copyOf(candidates);
    }

    /** With the default live-score thresholds. */
    public PolicySettings(String name, List<Candidate> candidates, double qualityTarget, Duration classifyBudget,
                          Optional<String> fallback) {
        this(name, candidates, qualityTarget, classifyBudget, fallback, LiveRules.DEFAULTS);
    }
}
