package dev.llmgateway.router.pipeline;

import dev.llmgateway.core.auth.ClientIdentity;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.error.ErrorCategory;
import dev.llmgateway.core.error.RateLimitedException;
import dev.llmgateway.core.error.UpstreamException;
import dev.llmgateway.core.pipeline.Chain;
import dev.llmgateway.core.pipeline.Stage;
import dev.llmgateway.core.route.RoutePlan;
import dev.llmgateway.core.route.Target;
import dev.llmgateway.cost.budget.Budget;
import dev.llmgateway.cost.budget.BudgetDecision;
import dev.llmgateway.cost.budget.Budgets;
import dev.llmgateway.cost.budget.Requester;
import dev.llmgateway.router.route.PolicyRouter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Checks the budgets of the caller's organization, team, key and user before the request goes
 * upstream, with the request's cost estimated for the routed model, and settles its exact cost
 * when it ends. A budget that refuses at 100% answers 429 {@code budget_exceeded}; a downgrading
 * one re-routes the request to its cheaper model and says so in {@code x-gateway-route}. Runs after
 * routing (the estimate needs the model). When budgets cannot be checked the request is refused
 * with 503: they are about money, so they fail closed.
 */
public final class BudgetStage implements Stage<GatewayExchange> {

    private static final Logger LOG = Logger.getLogger(BudgetStage.class.getName());

    private final Budgets budgets;
    private final RequestPricer pricer;
    private final PolicyRouter router;
    private final int defaultOutputTokens;
    private final Clock clock;

    public BudgetStage(Budgets budgets, RequestPricer pricer, PolicyRouter router, int defaultOutputTokens,
                       Clock clock) {
        this.budgets = budgets;
        this.pricer = pricer;
        this.router = router;
        this.defaultOutputTokens = defaultOutputTokens;
        this.clock = clock;
    }

    @Override
    public void handle(GatewayExchange exchange, Chain<GatewayExchange> chain) {
        ClientIdentity caller = exchange.caller().orElseThrow();
        ClientIdentity.Tenant tenant = caller.tenant();
        if (tenant.hasOrg()) {
            ChatRequest request = exchange.request().orElseThrow();
            Supplier<BigDecimal> estimate = () -> pricer.estimate(request, exchange.plan().orElseThrow().first(),
                    clock.instant(), defaultOutputTokens);
            BudgetDecision decision = admit(exchange, new Requester(tenant.orgId(), tenant.teamId(), caller.keyId(),
                    tenant.userId()), estimate);
            switch (decision) {
                case BudgetDecision.Refused no -> throw new RateLimitedException(no.message(), "budget_exceeded",
                        no.retryAfter().orElse(null));
                case BudgetDecision.Admitted ok -> {
                    if (!ok.ticket().isEmpty()) {
                        exchange.onCompletion(outcome -> budgets.settle(ok.ticket(), pricer.cost(outcome).usd()));
                    }
                    ok.downgrade().ifPresent(b -> downgrade(exchange, request, caller, b));
                }
            }
        }
        chain.proceed(exchange);
    }

    private BudgetDecision admit(GatewayExchange exchange, Requester who, Supplier<BigDecimal> estimate) {
        try {
            return budgets.admit(who, estimate);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "rid=" + exchange.requestId() + " cannot check the budgets of organization "
                    + who.orgId(), e);
            throw new UpstreamException(ErrorCategory.UNAVAILABLE, "The gateway cannot check this organization's "
                    + "budgets right now; try again shortly.", "budget_unavailable", Duration.ofSeconds(5), null);
        }
    }

    private void downgrade(GatewayExchange exchange, ChatRequest request, ClientIdentity caller, Budget b) {
        String model = b.draft().downgradeModel().orElseThrow();
        ChatRequest cheaper = new ChatRequest(model, request.messages(), request.tools(), request.toolChoice(),
                request.responseFormat(), request.sampling(), request.stream(), request.includeUsage(), request.user(),
                request.origin());
        RoutePlan plan = router.plan(cheaper, caller, PolicyRouter.Hints.NONE);
        String why = "budget " + b.id() + " spent: downgraded from " + request.model() + " to " + model + "; ";
        exchange.plan(new RoutePlan(plan.targets().stream()
                .map(t -> new Target(t.provider(), t.model(), why + t.reason())).toList()));
    }
}
