package dev.llmgateway.router.pipeline;

import dev.llmgateway.core.auth.ClientIdentity;
import dev.llmgateway.core.chat.Usage;
import dev.llmgateway.core.route.Target;
import dev.llmgateway.core.usage.UsageEvent;
import dev.llmgateway.cost.event.UsageBus;
import dev.llmgateway.cost.price.Cost;
import java.util.UUID;

/**
 * Turns every request that reached an upstream into a {@link UsageEvent} on the bus: tokens as the
 * upstream reported them (also for streams that broke or were cancelled), the exact cost from the
 * price book, the tenant of the key, latency, outcome and routing reason. Requests refused before
 * routing (bad input, bad key, limits) produce no event. Never throws to the request.
 */
public final class UsageRecorder implements CompletionListener {

    private final UsageBus bus;
    private final RequestPricer pricer;

    public UsageRecorder(UsageBus bus, RequestPricer pricer) {
        this.bus = bus;
        this.pricer = pricer;
    }

    @Override
    public void completed(RequestOutcome o) {
        if (o.servedBy().isEmpty()) {
            return;
        }
        bus.publish(event(o, pricer.cost(o)));
    }

    static UsageEvent event(RequestOutcome o, Cost cost) {
        Target t = o.servedBy().orElseThrow();
        ClientIdentity.Tenant tenant = o.caller().map(ClientIdentity::tenant).orElse(ClientIdentity.Tenant.NONE);
        Usage u = o.usage().orElse(Usage.ZERO);
        return new UsageEvent(UUID.randomUUID().toString(), o.finishedAt(), o.requestId(), tenant.orgId(),
                tenant.teamId(), o.caller().map(ClientIdentity::keyId).orElse(""), tenant.userId(), t.model(), t.provider(),
                o.account(), new UsageEvent.Tokens(u.inputTokens(), u.outputTokens(), u.cacheWriteTokens(),
                u.cacheReadTokens(), u.reasoningTokens()), cost.usd(), cost.unpriced(), o.elapsed().toMillis(),
                o.status(), outcome(o), t.reason(), false);
    }

    private static String outcome(RequestOutcome o) {
        return switch (o.ending()) {
            case COMPLETED -> o.status() < 400 ? "ok" : "error";
            case FAILED -> "error";
            case BROKEN -> "broken";
            case CANCELLED -> "cancelled";
        };
    }
}
