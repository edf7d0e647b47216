package dev.llmgateway.router.pipeline;

/**
 * Told how a request ended, after its answer was sent (or the client left): quota usage, rate
 * limits, and later the cost engine's usage events hang off this.
 *
 * <p>Contract: called exactly once per request that reached the pipeline, on the request's thread,
 * after the response is finished, so it cannot change or delay what the client received. It must
 * return promptly; an exception is caught and logged by the caller and never reaches the client or
 * the other listeners.
 */
@FunctionalInterface
public interface CompletionListener {

    void completed(RequestOutcome outcome);
}
