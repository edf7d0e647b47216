package dev.llmgateway.core.spi;

import dev.llmgateway.core.chat.ChatRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a provider adapter needs for one attempt: the canonical request, the model name the
 * upstream knows, the deadline of the whole request, the wait limits, headers from the client that
 * the upstream may need, and the request id for the upstream's logs.
 */
public record UpstreamCall(ChatRequest request, String upstreamModel, Deadline deadline,
                           Duration firstByteTimeout, Duration idleTimeout,
                           Map<String, String> forwardHeaders, String requestId, Optional<Credential> credential,
                           Optional<java.net.URI> egressProxy) {
    public UpstreamCall {
        Objects.requireNonNull(egressProxy, "egressProxy");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(upstreamModel, "upstreamModel");
        Objects.requireNonNull(deadline, "deadline");
        forwardHeaders = Map.copyOf(forwardHeaders);
        Objects.requireNonNull(credential, "credential");
    }

    /** A call that uses the provider's own configured credential. */
    public UpstreamCall(ChatRequest request, String upstreamModel, Deadline deadline, Duration firstByteTimeout,
                        Duration idleTimeout, Map<String, String> forwardHeaders, String requestId) {
        this(request, upstreamModel, deadline, firstByteTimeout, idleTimeout, forwardHeaders, requestId,
                Optional.empty(), Optional.empty());
    }

    /** The same call with the credential of the account chosen for this attempt. */
    public UpstreamCall withCredential(Optional<Credential> accountCredential) {
        return new UpstreamCall(request, upstreamModel, deadline, firstByteTimeout, idleTimeout, forwardHeaders,
                requestId, accountCredential, egressProxy);
    }

    /** The same call sent through the HTTP proxy of the account chosen for this attempt. */
    public UpstreamCall withEgressProxy(Optional<java.net.URI> proxy) {
        return new UpstreamCall(request, upstreamModel, deadline, firstByteTimeout, idleTimeout, forwardHeaders,
                requestId, credential, proxy);
    }
}
