package dev.llmgateway.router.route;

import dev.llmgateway.core.auth.ClientIdentity;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.error.InvalidRequestException;
import dev.llmgateway.core.error.PermissionDeniedException;
import dev.llmgateway.core.route.RoutePlan;
import dev.llmgateway.core.route.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Routes a request whose model names a smart-routing policy ({@code auto} or another configured
 * name) through that policy, and every other request through the {@link ModelCatalog}. The plan
 * of a policy lists the chosen model first, then the other eligible candidates, best quality first,
 * as fallbacks (those skipped by live scores last). The policies can be replaced at run time
 * ({@link #use}): each request reads the current map once, without locks. Thread-safe.
 */
public final class PolicyRouter {

    private final ModelCatalog catalog;
    private volatile Map<String, AutoPolicy> policies;

    public PolicyRouter(ModelCatalog catalog, Map<String, AutoPolicy> policies) {
        this.catalog = catalog;
        use(policies);
    }

    /** Replaces every policy at once (in the map's order, which {@code GET /v1/models} shows). */
    public void use(Map<String, AutoPolicy> policies) {
        this.policies = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(policies));
    }

    /** The policy of that name, if any. */
    public Optional<AutoPolicy> policy(String name) {
        return Optional.ofNullable(policies.get(name));
    }

    /** What a client may ask for instead of a model: the route to use, or a quality target. */
    public record Hints(Optional<String> forcedModel, Optional<Double> qualityTarget) {
        public static final Hints NONE = new Hints(Optional.empty(), Optional.empty());
    }

    public boolean isPolicy(String model) {
        return policies.containsKey(model);
    }

    public java.util.Set<String> policyNames() {
        return policies.keySet();
    }

    public RoutePlan plan(ChatRequest request, ClientIdentity caller, Hints hints) {
        AutoPolicy policy = policies.get(request.model());
        if (policy == null) {
            return catalog.plan(request, caller);
        }
        if (!caller.mayUse(request.model())) {
            throw new PermissionDeniedException("Your API key may not use the routing policy '" + request.model() + "'.",
                    "model", "model_not_allowed");
        }
        if (hints.forcedModel().isPresent()) {
            String forced = hints.forcedModel().get();
            if (policy.settings().candidates().stream().noneMatch(c -> c.model().equals(forced))) {
                throw new InvalidRequestException("The header x-gateway-model names '" + forced
                        + "', which is not a candidate of policy '" + request.model() + "'.", null, "invalid_route_override");
            }
            return new RoutePlan(List.of(target(forced, "policy=" + request.model() + "; model=" + forced
                    + "; rule=forced by x-gateway-model")));
        }
        AutoPolicy.Decision d = policy.decide(request, hints.qualityTarget());
        String reason = d.explain(request.model());
        List<Target> targets = new ArrayList<>();
        targets.add(target(d.chosen().model(), reason));
        d.eligible().stream().filter(c -> c != d.chosen())
                .sorted(Comparator.comparing((Candidate c) -> d.live().kept().contains(c) ? 0 : 1)
                        .thenComparing(Comparator.comparingDouble(Candidate::quality).reversed()))
                .forEach(c -> targets.add(target(c.model(), reason + "; fallback")));
        return new RoutePlan(targets);
    }

    /** The decision alone, for the dry-run endpoint. */
    public Optional<AutoPolicy.Decision> explain(ChatRequest request, Hints hints) {
        AutoPolicy policy = policies.get(request.model());
        return policy == null ? Optional.empty() : Optional.of(policy.decide(request, hints.qualityTarget()));
    }

    private Target target(String model, String reason) {
        Target resolved = catalog.resolve(model).orElseThrow(() -> new IllegalStateException(
                "policy candidate '" + model + "' does not resolve; the configuration check should have caught it"));
        return new Target(resolved.provider(), resolved.model(), reason);
    }
}
