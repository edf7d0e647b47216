package dev.llmgateway.router.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.TenancyException;
import dev.llmgateway.tenancy.audit.AuditEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The routing policies in force: those of the configuration file (read-only here) and those
 * created through the admin API (kept in the {@link PolicyStore}). A change made on this instance
 * is applied at once; every instance also polls the store's revision ({@link #reload()}, every
 * {@code tenancy.cache-sync}) and swaps the {@link PolicyRouter}'s map when it moved. A stored
 * policy that no longer fits the configuration (its provider was removed, a configured policy or
 * alias took its name) is not applied and is listed with its problems. Thread-safe.
 */
public final class RoutingPolicies {

    private static final Logger LOG = Logger.getLogger(RoutingPolicies.class.getName());
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

    /** A body with problems: a 400 naming every one. */
    public static final class Invalid extends RuntimeException {
        private final List<PolicyDocument.Problem> problems;

        Invalid(List<PolicyDocument.Problem> problems) {
            super("The routing policy is not valid: " + problems.stream().map(PolicyDocument.Problem::toString)
                    .collect(java.util.stream.Collectors.joining("; ")) + ".", null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<PolicyDocument.Problem> problems() {
            return problems;
        }
    }

    /**
     * A policy as the admin API shows it: {@code source} is {@code config} or {@code api}; an API one
     * carries its stored version; {@code problems} are why a stored one is not applied (usually none).
     */
    public record View(String name, String source, ObjectNode document, Optional<PolicyStore.Stored> stored,
                       List<PolicyDocument.Problem> problems) {
    }

    private final GatewayConfig config;
    private final ModelCatalog catalog;
    private final PolicyStore store;
    private final PolicyRouter router;
    private final Function<PolicySettings, AutoPolicy> build;
    private final Runnable classifierNeeded;
    private volatile long revision = -1;
    private volatile Map<String, View> stored = Map.of();

    /**
     * {@code build} makes the runnable policy of a settings record; {@code classifierNeeded} is
     * called before the first stored policy is applied (loading the classifier if it was not).
     */
    public RoutingPolicies(GatewayConfig config, ModelCatalog catalog, PolicyStore store, PolicyRouter router,
                           Function<PolicySettings, AutoPolicy> build, Runnable classifierNeeded) {
        this.config = config;
        this.catalog = catalog;
        this.store = store;
        this.router = router;
        this.build = build;
        this.classifierNeeded = classifierNeeded;
    }

    /** The revision of the stored policies in use (0: none was ever stored). */
    public long revision() {
        return revision;
    }

    /** Applies the stored policies when they changed since the last call. */
    public synchronized void reload() {
        long latest = store.latestRevision();
        if (latest == revision) {
            return;
        }
        Map<String, View> views = new LinkedHashMap<>();
        Map<String, AutoPolicy> policies = new LinkedHashMap<>();
        config.policies().forEach((name, settings) -> policies.put(name, build.apply(settings)));
        for (PolicyStore.Stored s : store.live()) {
            ObjectNode doc = Json.parseObject(s.document().getBytes(StandardCharsets.UTF_8));
            List<PolicyDocument.Problem> problems = new ArrayList<>(nameProblems(s.name()));
            PolicyDocument.Checked checked = PolicyDocument.read(s.name(), doc, config.providers());
            problems.addAll(checked.problems());
            views.put(s.name(), new View(s.name(), "api", doc, Optional.of(s), problems));
            if (problems.isEmpty()) {
                policies.put(s.name(), null); // placeholder: built below, after the classifier is loaded
            } else {
                LOG.warning(() -> "routing policy '" + s.name() + "' (stored, version " + s.version()
                        + ") is not applied: " + problems);
            }
        }
        if (policies.containsValue(null)) {
            classifierNeeded.run();
            for (Map.Entry<String, AutoPolicy> e : policies.entrySet()) {
                if (e.getValue() == null) {
                    View v = views.get(e.getKey());
                    e.setValue(build.apply(PolicyDocument.read(v.name(), v.document(), config.providers())
                            .settings().orElseThrow()));
                }
            }
        }
        router.use(policies);
        stored = java.util.Collections.unmodifiableMap(views);
        revision = latest;
        LOG.info(() -> "routing policies: " + policies.keySet() + " (stored revision " + latest + ")");
    }

    /** Every policy: the configured ones, then the stored ones by name. */
    public List<View> list() {
        List<View> out = new ArrayList<>();
        config.policies().forEach((name, s) -> out.add(configured(s)));
        out.addAll(stored.values());
        return out;
    }

    public Optional<View> get(String name) {
        PolicySettings configured = config.policies().get(name);
        if (configured != null) {
            return Optional.of(configured(configured));
        }
        return Optional.ofNullable(stored.get(name));
    }

    /**
     * Every problem of {@code body} as a policy named {@code name} (from the body when absent; no
     * name at all is no problem here), including a name that is taken by a configured policy, an
     * alias, a provider or a model.
     */
    public List<PolicyDocument.Problem> validate(Optional<String> name, ObjectNode body) {
        List<PolicyDocument.Problem> problems = new ArrayList<>();
        Optional<String> n = name.or(() -> body.has("name") ? textName(body, problems) : Optional.empty());
        n.ifPresent(x -> {
            problems.addAll(nameProblems(x));
            if (name.isPresent() && body.has("name") && !x.equals(body.path("name").asText())) {
                problems.add(new PolicyDocument.Problem("name", "'" + body.path("name").asText()
                        + "' differs from the policy in the path, '" + x + "'"));
            }
        });
        problems.addAll(PolicyDocument.read(n.orElse(""), body, config.providers()).problems());
        return problems;
    }

    /** Creates the policy named in the body; 400 naming every problem, 409 when the name is taken. */
    public View create(Actor actor, ObjectNode body) {
        actor.requirePlatform("manage routing policies");
        List<PolicyDocument.Problem> problems = new ArrayList<>();
        String name = textName(body, problems).orElse(null);
        if (name == null) {
            problems.addAll(PolicyDocument.read("", body, config.providers()).problems());
            throw new Invalid(problems);
        }
        PolicySettings settings = checked(name, body);
        PolicyStore.Stored s = store.create(actor, name, Json.text(PolicyDocument.toJson(settings)),
                audit(actor, "policy.create", settings));
        reload();
        return get(name).orElseGet(() -> new View(name, "api", PolicyDocument.toJson(settings), Optional.of(s), List.of()));
    }

    /** Replaces a stored policy; 409 for a configured one, 404 when there is none. */
    public View replace(Actor actor, String name, ObjectNode body) {
        actor.requirePlatform("manage routing policies");
        readOnly(name);
        if (body.has("name") && !name.equals(body.path("name").asText())) {
            throw new Invalid(List.of(new PolicyDocument.Problem("name", "'" + body.path("name").asText()
                    + "' differs from the policy in the path, '" + name + "'; a policy cannot be renamed")));
        }
        if (store.get(name).isEmpty()) {
            throw TenancyException.notFound("routing policy", name);
        }
        PolicySettings settings = checked(name, body);
        PolicyStore.Stored s = store.replace(actor, name, Json.text(PolicyDocument.toJson(settings)),
                audit(actor, "policy.update", settings));
        reload();
        return get(name).orElseGet(() -> new View(name, "api", PolicyDocument.toJson(settings), Optional.of(s), List.of()));
    }

    /** Deletes a stored policy; 409 for a configured one, 404 when there is none. */
    public void delete(Actor actor, String name) {
        actor.requirePlatform("manage routing policies");
        readOnly(name);
        if (!store.delete(actor, name)) {
            throw TenancyException.notFound("routing policy", name);
        }
        reload();
    }

    private PolicySettings checked(String name, ObjectNode body) {
        List<PolicyDocument.Problem> names = nameProblems(name);
        if (!names.isEmpty()) {
            throw taken(name, names);
        }
        PolicyDocument.Checked checked = PolicyDocument.read(name, body, config.providers());
        if (!checked.problems().isEmpty()) {
            throw new Invalid(checked.problems());
        }
        return checked.settings().orElseThrow();
    }

    private RuntimeException taken(String name, List<PolicyDocument.Problem> problems) {
        if (!NAME.matcher(name).matches()) {
            return new Invalid(problems);
        }
        return TenancyException.conflict("policy_name_taken", "The name '" + name + "' cannot be a routing policy: "
                + problems.get(0).message() + ".");
    }

    private void readOnly(String name) {
        if (config.policies().containsKey(name)) {
            throw TenancyException.conflict("policy_read_only", "The routing policy '" + name + "' is defined in the "
                    + "configuration file (router.policies." + name + "); change it there.");
        }
    }

    /** Why {@code name} cannot name a stored policy: its form, or a clash with what the gateway already answers to. */
    List<PolicyDocument.Problem> nameProblems(String name) {
        String why = null;
        if (!NAME.matcher(name).matches()) {
            why = "must be 1 to 100 letters, digits, '.', '_', ':' or '-', starting with a letter or digit (no '/')";
        } else if (config.policies().containsKey(name)) {
            why = "a routing policy of the configuration file (router.policies." + name + ") has this name";
        } else if (config.aliases().containsKey(name)) {
            why = "the model alias '" + name + "' (router.aliases) has this name";
        } else if (config.providers().containsKey(name)) {
            why = "the provider '" + name + "' has this name";
        } else if (catalog.resolve(name).isPresent()) {
            why = "the model '" + name + "' of provider '" + catalog.resolve(name).get().provider() + "' has this name";
        }
        return why == null ? List.of() : List.of(new PolicyDocument.Problem("name", why));
    }

    private static Optional<String> textName(ObjectNode body, List<PolicyDocument.Problem> problems) {
        JsonNode n = body.get("name");
        if (n == null || n.isNull()) {
            problems.add(new PolicyDocument.Problem("name", "is required"));
            return Optional.empty();
        }
        if (!n.isTextual()) {
            problems.add(new PolicyDocument.Problem("name", "must be a string"));
            return Optional.empty();
        }
        return Optional.of(n.asText());
    }

    private static AuditEntry audit(Actor actor, String action, PolicySettings s) {
        return AuditEntry.of(actor, action, "routing_policy", s.name()).with("quality_target", s.qualityTarget())
                .with("candidates", s.candidates().stream().map(Candidate::model).toList());
    }

    private static View configured(PolicySettings s) {
        return new View(s.name(), "config", PolicyDocument.toJson(s), Optional.empty(), List.of());
    }
}
