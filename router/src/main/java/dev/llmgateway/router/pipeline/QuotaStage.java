package dev.llmgateway.router.pipeline;

import dev.llmgateway.core.auth.ClientIdentity;
import dev.llmgateway.core.error.ErrorCategory;
import dev.llmgateway.core.error.RateLimitedException;
import dev.llmgateway.core.error.UpstreamException;
import dev.llmgateway.core.pipeline.Chain;
import dev.llmgateway.core.pipeline.Stage;
import dev.llmgateway.tenancy.quota.Admission;
import dev.llmgateway.tenancy.quota.Quotas;
import dev.llmgateway.tenancy.quota.Reservation;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Checks the limits of the caller's organization and key before the request goes upstream, and
 * records its tokens and cost against them when it completes. Runs after routing, so a request
 * refused for its model does not use up a quota. Keys of no organization are not limited here.
 * When the limits cannot be checked (database unreachable) the request is refused with 503:
 * quotas are about money, so they fail closed.
 */
public final class QuotaStage implements Stage<GatewayExchange> {

    private static final Logger LOG = Logger.getLogger(QuotaStage.class.getName());

    private final Quotas quotas;
    private final RequestPricer pricer;

    public QuotaStage(Quotas quotas, RequestPricer pricer) {
        this.quotas = quotas;
        this.pricer = pricer;
    }

    @Override
    public void handle(GatewayExchange exchange, Chain<GatewayExchange> chain) {
        ClientIdentity caller = exchange.caller().orElseThrow();
        if (caller.tenant().hasOrg()) {
            Reservation reservation = reserve(exchange, caller);
            if (!reservation.isEmpty()) {
                exchange.onCompletion(outcome -> quotas.record(reservation, outcome.totalTokens(),
                        pricer.cost(outcome).usd()));
            }
        }
        chain.proceed(exchange);
    }

    private Reservation reserve(GatewayExchange exchange, ClientIdentity caller) {
        Admission admission;
        try {
            admission = quotas.admit(caller.tenant().orgId(), caller.keyId());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "rid=" + exchange.requestId() + " cannot check the limits of organization "
                    + caller.tenant().orgId(), e);
            throw new UpstreamException(ErrorCategory.UNAVAILABLE, "The gateway cannot check this organization's "
                    + "limits right now; try again shortly.", "quota_unavailable", Duration.ofSeconds(5), null);
        }
        return switch (admission) {
            case Admission.Admitted ok -> ok.reservation();
            case Admission.Refused no -> throw new RateLimitedException(no.message(), "quota_exceeded",
                    no.retryAfter());
        };
    }
}
