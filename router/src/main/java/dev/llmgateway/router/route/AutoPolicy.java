package dev.llmgateway.router.route;

import dev.llmgateway.classifier.Classification;
import dev.llmgateway.classifier.Classifier;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.ContentPart;
import dev.llmgateway.core.chat.Message;
import dev.llmgateway.core.chat.ResponseFormat;
import dev.llmgateway.core.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Chooses the cheapest candidate that is good enough for the request.
 *
 * <ol>
 *   <li>Hard rules first: images need a vision model, tools a tool-capable one, JSON mode a JSON
 *       one, and the prompt (estimated at four characters a token) plus the output limit must fit
 *       the context; candidates whose provider has no account available now are skipped.</li>
 *   <li>The classifier scores the request's difficulty d: how much a strong model is expected to
 *       help, as the share of typical prompts where it helps less (0..1; the complexity head's
 *       expected gain of a strong call, as a percentile). The required quality is
 *       {@code r = clamp(d + target - 0.5)}, so the quality target shifts the bar: at 0.5 the bar is
 *       the difficulty itself, and with a cheap candidate of quality 0.5 below a strong one, about
 *       {@code target} of typical prompts go to the strong one.</li>
 *   <li>Live scores ({@link LiveScore}): candidates whose recent upstream error rate or latency is
 *       far off are skipped, unless every candidate is.</li>
 *   <li>The cheapest remaining candidate whose quality is at least r wins; if none reaches r, the
 *       best remaining one. A candidate's price is the one the policy declares or, when it declares
 *       none, the price book's list price ({@link PriceLookup}); a candidate priced by neither
 *       counts as the most expensive. When the classifier is saturated or missing, the policy's fallback (or
 *       the cheapest remaining candidate) is used at once instead of waiting.</li>
 * </ol>
 * Immutable and thread-safe; every decision comes with its explanation.
 */
public final class AutoPolicy {

    private final PolicySettings settings;
    private final Classifier classifier;
    private final Predicate<String> hasAvailableAccount;
    private final LiveStats stats;
    private final PriceLookup prices;

    public AutoPolicy(PolicySettings settings, Classifier classifier, Predicate<String> hasAvailableAccount) {
        this(settings, classifier, hasAvailableAccount, LiveStats.NONE, PriceLookup.NONE);
    }

    public AutoPolicy(PolicySettings settings, Classifier classifier, Predicate<String> hasAvailableAccount,
                      LiveStats stats) {
        this(settings, classifier, hasAvailableAccount, stats, PriceLookup.NONE);
    }

    /** {@code prices} supplies the prices of candidates that declare none (the price book). */
    public AutoPolicy(PolicySettings settings, Classifier classifier, Predicate<String> hasAvailableAccount,
                      LiveStats stats, PriceLookup prices) {
        this.settings = settings;
        this.classifier = classifier;
        this.hasAvailableAccount = hasAvailableAccount;
        this.stats = stats;
        this.prices = prices;
    }

    public PolicySettings settings() {
        return settings;
    }

    /** The decision for {@code request}; {@code targetOverride} replaces the policy's quality target. */
    public Decision decide(ChatRequest request, Optional<Double> targetOverride) {
        double target = targetOverride.orElse(settings.qualityTarget());
        Needs needs = Needs.of(request);
        List<Candidate> eligible = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (Candidate declared : settings.candidates()) {
            Candidate c = declared.declaresPrices() ? declared : prices.perMillionTokens(declared.model())
                    .map(p -> declared.priced(p[0], p[1])).orElse(declared);
            Optional<String> why = needs.unmetBy(c);
            if (why.isEmpty() && !hasAvailableAccount.test(c.model())) {
                why = Optional.of("no upstream account available");
            }
            why.ifPresentOrElse(w -> rejected.add(c.model() + ": " + w), () -> eligible.add(c));
        }
        if (eligible.isEmpty()) {
            throw new InvalidRequestException("No model of routing policy '" + settings.name()
                    + "' can serve this request (" + String.join("; ", rejected) + ").", "model", "no_eligible_model");
        }
        eligible.sort(Comparator.comparingDouble(Candidate::typicalCost));
        LiveScore.Adjusted live = LiveScore.adjust(eligible, settings.live(), stats);
        List<Candidate> usable = live.kept();
        Optional<Classification> classification = classifier.tryClassify(textOf(request), settings.classifyBudget());
        if (classification.isEmpty()) {
            Candidate chosen = settings.fallback().flatMap(f -> usable.stream().filter(c -> c.model().equals(f))
                    .findFirst()).orElse(usable.get(0));
            return new Decision(chosen, eligible, rejected, Optional.empty(), target, Double.NaN,
                    "classifier unavailable: fallback", live);
        }
        double d = classification.get().difficulty();
        double required = Math.max(0, Math.min(1, d + target - 0.5));
        Optional<Candidate> adequate = usable.stream().filter(x -> x.quality() >= required).findFirst();
        Candidate chosen = adequate.orElseGet(() -> usable.stream()
                .max(Comparator.comparingDouble(Candidate::quality)).orElseThrow());
        String rule = adequate.isPresent() ? "cheapest with quality >= " + fmt(required)
                : "none reaches " + fmt(required) + ": best available";
        return new Decision(chosen, eligible, rejected, classification.map(Classification::withoutEmbedding), target,
                required, rule, live);
    }

    /** The text the classifier reads: the last user message (what the model must answer now). */
    static String textOf(ChatRequest request) {
        return classifierInput(request.lastUserText());
    }

    /**
     * What the classifier is given for a user message: its last 8,000 characters. Public so that
     * {@code llm-gateway classify} scores a prompt file exactly as routing would score the prompts.
     */
    public static String classifierInput(String userText) {
        return userText.length() > 8_000 ? userText.substring(userText.length() - 8_000) : userText;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /**
     * What a policy decided and why: {@code eligible} passed the hard rules (cheapest first),
     * {@code rejected} did not (with the reason), {@code live} says which eligible ones live scores
     * skipped.
     */
    public record Decision(Candidate chosen, List<Candidate> eligible, List<String> rejected,
                           Optional<Classification> classification, double qualityTarget, double requiredQuality,
                           String rule, LiveScore.Adjusted live) {

        public Decision(Candidate chosen, List<Candidate> eligible, List<String> rejected,
                        Optional<Classification> classification, double qualityTarget, double requiredQuality,
                        String rule) {
            this(chosen, eligible, rejected, classification, qualityTarget, requiredQuality, rule,
                    new LiveScore.Adjusted(eligible, java.util.Map.of(), false));
        }

        /**
         * One line for the response header and the logs: the policy, chosen model, classification,
         * target and bar, the deciding rule, the candidates considered (cheapest first) and the ones
         * the hard rules excluded, with why.
         */
        public String explain(String policy) {
            StringBuilder sb = new StringBuilder("policy=").append(policy).append("; model=").append(chosen.model());
            classification.ifPresent(c -> sb.append("; intent=").append(c.intent().label())
                    .append("; language=").append(c.language().code())
                    .append("; complexity=").append(fmt(c.complexity()))
                    .append("; difficulty=").append(fmt(c.difficulty())));
            sb.append("; target=").append(fmt(qualityTarget));
            if (!Double.isNaN(requiredQuality)) {
                sb.append("; required=").append(fmt(requiredQuality));
            }
            sb.append("; rule=").append(rule).append("; candidates=")
                    .append(String.join(",", eligible.stream().map(Candidate::model).toList()));
            if (!rejected.isEmpty()) {
                // "model: reason" entries; the header separates fields with ';', so none may appear inside
                sb.append("; excluded=").append(String.join(", ", rejected.stream()
                        .map(r -> r.replace(';', ',')).toList()));
            }
            String degraded = live.describe();
            if (!degraded.isEmpty()) {
                sb.append("; ").append(degraded);
            }
            return sb.toString();
        }
    }

    /** The hard requirements a request puts on a model. */
    record Needs(boolean vision, boolean tools, boolean json, long tokens) {

        static Needs of(ChatRequest r) {
            boolean vision = false;
            long chars = 0;
            for (Message m : r.messages()) {
                for (ContentPart p : m.content()) {
                    if (p instanceof ContentPart.Image) {
                        vision = true;
                    } else if (p instanceof ContentPart.Text t) {
                        chars += t.text().length();
                    } else if (p instanceof ContentPart.ToolResult tr) {
                        for (ContentPart inner : tr.content()) {
                            if (inner instanceof ContentPart.Text t) {
                                chars += t.text().length();
                            }
                        }
                    }
                }
            }
            boolean json = r.responseFormat().filter(f -> !(f instanceof ResponseFormat.Text)).isPresent();
            long tokens = chars / 4 + r.sampling().maxOutputTokens().orElse(1024);
            return new Needs(vision, !r.tools().isEmpty(), json, tokens);
        }

        Optional<String> unmetBy(Candidate c) {
            if (vision && !c.vision()) {
                return Optional.of("no image input");
            }
            if (tools && !c.tools()) {
                return Optional.of("no tool calls");
            }
            if (json && !c.json()) {
                return Optional.of("no JSON mode");
            }
            if (c.contextTokens() > 0 && tokens > c.contextTokens()) {
                return Optional.of("context " + c.contextTokens() + " < about " + tokens + " tokens needed");
            }
            return Optional.empty();
        }
    }
}
