package dev.llmgateway.router.route;

import dev.llmgateway.core.auth.ClientIdentity;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.error.NotFoundException;
import dev.llmgateway.core.error.PermissionDeniedException;
import dev.llmgateway.core.route.RoutePlan;
import dev.llmgateway.core.route.RoutingPolicy;
import dev.llmgateway.core.route.Target;
import dev.llmgateway.router.config.GatewayConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves model ids: a configured alias; {@code provider/model} for a configured provider (the
 * model must be in the provider's list when it has one); or a bare model name that exactly one
 * provider lists (the first in configuration order wins). Also lists the models a caller may use.
 * Immutable; thread-safe.
 */
public final class ModelCatalog implements RoutingPolicy {

    private final Map<String, GatewayConfig.Provider> providers;
    private final Map<String, String> aliases;
    private final Map<String, List<String>> fallbacks;

    public ModelCatalog(GatewayConfig config) {
        this.providers = config.providers();
        this.aliases = config.aliases();
        this.fallbacks = config.fallbacks();
    }

    @Override
    public RoutePlan plan(ChatRequest request, ClientIdentity caller) {
        String requested = request.model();
        Target target = resolve(requested).orElseThrow(() -> new NotFoundException(
                "The model '" + requested + "' does not exist or is not configured on this gateway. "
                        + "GET /v1/models lists the models your key may use.", "model", "model_not_found"));
        if (!caller.mayUse(requested, target.id())) {
            throw new PermissionDeniedException("Your API key may not use the model '" + requested + "'.",
                    "model", "model_not_allowed");
        }
        return new RoutePlan(withFallbacks(requested, target, caller));
    }

    /**
     * The target, then the fallbacks configured for what was asked ({@code router.fallbacks}, by
     * the requested name or the resolved {@code provider/model}) that the caller may use, each once.
     */
    private List<Target> withFallbacks(String requested, Target target, ClientIdentity caller) {
        List<String> list = fallbacks.getOrDefault(requested, fallbacks.getOrDefault(target.id(), List.of()));
        if (list.isEmpty()) {
            return List.of(target);
        }
        List<Target> plan = new ArrayList<>();
        plan.add(target);
        for (String f : list) {
            resolve(f).filter(t -> caller.mayUse(f, t.id()))
                    .filter(t -> plan.stream().noneMatch(p -> p.id().equals(t.id())))
                    .ifPresent(t -> plan.add(new Target(t.provider(), t.model(), "fallback for " + requested)));
        }
        return plan;
    }

    public Optional<Target> resolve(String requested) {
        String alias = aliases.get(requested);
        if (alias != null) {
            int slash = alias.indexOf('/');
            return Optional.of(new Target(alias.substring(0, slash), alias.substring(slash + 1),
                    "alias " + requested));
        }
        int slash = requested.indexOf('/');
        if (slash > 0) {
            GatewayConfig.Provider p = providers.get(requested.substring(0, slash));
            String model = requested.substring(slash + 1);
            if (p != null && !model.isEmpty() && (p.models().isEmpty() || p.models().contains(model))) {
                return Optional.of(new Target(p.name(), model, "explicit provider/model"));
            }
        }
        for (GatewayConfig.Provider p : providers.values()) {
            if (p.models().contains(requested)) {
                return Optional.of(new Target(p.name(), requested, "bare model name listed by " + p.name()));
            }
        }
        return Optional.empty();
    }

    /** Every listed model id and alias the caller may use, in configuration order. */
    public List<ModelEntry> list(ClientIdentity caller) {
        List<ModelEntry> out = new ArrayList<>();
        for (GatewayConfig.Provider p : providers.values()) {
            for (String m : p.models()) {
                String id = p.name() + "/" + m;
                if (caller.mayUse(id)) {
                    out.add(new ModelEntry(id, p.name()));
                }
            }
        }
        aliases.forEach((alias, target) -> {
            if (caller.mayUse(alias, target)) {
                out.add(new ModelEntry(alias, target.substring(0, target.indexOf('/'))));
            }
        });
        return out;
    }

    /** One row of {@code GET /v1/models}. */
    public record ModelEntry(String id, String ownedBy) {
    }
}
