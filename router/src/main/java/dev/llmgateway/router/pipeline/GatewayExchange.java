package dev.llmgateway.router.pipeline;

import dev.llmgateway.core.auth.ClientIdentity;
import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.Usage;
import dev.llmgateway.core.route.RoutePlan;
import dev.llmgateway.core.route.Target;
import dev.llmgateway.core.spi.Deadline;
import dev.llmgateway.core.spi.DecodeContext;
import dev.llmgateway.core.spi.FormatCodec;
import dev.llmgateway.router.pool.AccountPool;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The state of one request as it moves through the stages. Confined to the request's thread. The
 * stages fill in the caller, the decoded request and the plan; dispatch records what happened,
 * for the access log.
 */
public final class GatewayExchange {

    private static final Logger LOG = Logger.getLogger(GatewayExchange.class.getName());

    private final String requestId;
    private final FormatCodec codec;
    private final Function<String, Optional<String>> headers;
    private final byte[] body;
    private final DecodeContext decodeContext;
    private final Deadline deadline;
    private final ResponseWriter writer;
    private final InetAddress clientAddress;

    private ClientIdentity caller;
    private ChatRequest request;
    private RoutePlan plan;
    private Target servedBy;
    private AccountPool.Lease account;
    private int attempts;
    private Usage usage;
    private String outcome = "";
    private final List<CompletionListener> listeners = new ArrayList<>();
    private boolean completed;

    /** When the gateway took the request, for the latency in usage events. */
    private final long startNanos = System.nanoTime();

    public GatewayExchange(String requestId, FormatCodec codec, Function<String, Optional<String>> headers,
                           byte[] body, DecodeContext decodeContext, Deadline deadline, ResponseWriter writer,
                           InetAddress clientAddress) {
        this.requestId = Objects.requireNonNull(requestId);
        this.codec = Objects.requireNonNull(codec);
        this.headers = Objects.requireNonNull(headers);
        this.body = Objects.requireNonNull(body);
        this.decodeContext = Objects.requireNonNull(decodeContext);
        this.deadline = Objects.requireNonNull(deadline);
        this.writer = Objects.requireNonNull(writer);
        this.clientAddress = Objects.requireNonNull(clientAddress);
    }

    public String requestId() {
        return requestId;
    }

    public FormatCodec codec() {
        return codec;
    }

    /** A request header by case-insensitive name. */
    public Optional<String> header(String name) {
        return headers.apply(name);
    }

    public byte[] body() {
        return body;
    }

    /** What the endpoint's path and query said (Gemini puts the model there). */
    public DecodeContext decodeContext() {
        return decodeContext;
    }

    public Deadline deadline() {
        return deadline;
    }

    public ResponseWriter writer() {
        return writer;
    }

    /** The TCP peer's address (never a forwarded-for header: the gateway is the edge it trusts). */
    public InetAddress clientAddress() {
        return clientAddress;
    }

    public Optional<ClientIdentity> caller() {
        return Optional.ofNullable(caller);
    }

    void caller(ClientIdentity caller) {
        this.caller = caller;
    }

    public Optional<ChatRequest> request() {
        return Optional.ofNullable(request);
    }

    void request(ChatRequest request) {
        this.request = request;
    }

    public Optional<RoutePlan> plan() {
        return Optional.ofNullable(plan);
    }

    void plan(RoutePlan plan) {
        this.plan = plan;
    }

    public Optional<Target> servedBy() {
        return Optional.ofNullable(servedBy);
    }

    void servedBy(Target target) {
        this.servedBy = target;
    }

    /** The account lease of the latest attempt. */
    public Optional<AccountPool.Lease> account() {
        return Optional.ofNullable(account);
    }

    void account(AccountPool.Lease lease) {
        this.account = lease;
    }

    public int attempts() {
        return attempts;
    }

    void attempted() {
        attempts++;
    }

    public Optional<Usage> usage() {
        return Optional.ofNullable(usage);
    }

    void usage(Usage usage) {
        this.usage = usage;
    }

    /** A short word on how a started stream ended ({@code complete}, {@code upstream_error}, ...). */
    public String outcome() {
        return outcome;
    }

    void outcome(String outcome) {
        this.outcome = outcome;
    }

    /**
     * Adds a listener told once how this request ended: stages that hold something until then (a
     * concurrency slot, a quota reservation) register here, in the order they ran.
     */
    public void onCompletion(CompletionListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /**
     * Tells every listener how the request ended, once: later calls do nothing. {@code status} is
     * the HTTP status sent; {@code clientGone} that writing to the client failed. Never throws: a
     * failing listener is logged and the others still run.
     */
    public void complete(int status, boolean clientGone, Instant at) {
        if (completed) {
            return;
        }
        completed = true;
        RequestOutcome result = new RequestOutcome(requestId, caller(), servedBy(), usage(), status,
                ending(status, clientGone), at, java.time.Duration.ofNanos(System.nanoTime() - startNanos),
                account().map(l -> l.account().id()).orElse(""));
        for (CompletionListener l : listeners) {
            try {
                l.completed(result);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "rid=" + requestId + " completion listener " + l.getClass().getName()
                        + " failed", e);
            }
        }
    }

    private RequestOutcome.Ending ending(int status, boolean clientGone) {
        if (clientGone || outcome.equals("client_disconnected")) {
            return RequestOutcome.Ending.CANCELLED;
        }
        if (outcome.equals("upstream_error_mid_stream")) {
            return RequestOutcome.Ending.BROKEN;
        }
        return status == 200 && outcome.equals("complete") ? RequestOutcome.Ending.COMPLETED
                : RequestOutcome.Ending.FAILED;
    }
}
