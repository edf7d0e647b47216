package dev.llmgateway.router.route;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code router.policies.<name>}: the candidates of a smart-routing policy, its quality target (0 =
 * the cheapest adequate model, 1 = the strongest), the classifier's time budget, and the model used
 * when the classifier cannot answer in time (default: the cheapest eligible candidate).
 */
public record PolicySettings(String name, List<Candidate> candidates, double qualityTarget, Duration classifyBudget,
                             Optional<String> fallback) {
    public PolicySettings {
        candidates = List.copyOf(candidates);
    }
}
