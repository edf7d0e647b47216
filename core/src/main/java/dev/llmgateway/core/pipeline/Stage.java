package dev.llmgateway.core.pipeline;

/**
 * One step of the request pipeline. A stage either answers (by throwing or by completing the
 * exchange) or calls {@link Chain#proceed} exactly once. Stages are stateless and shared.
 *
 * @param <E> the exchange type, the per-request state the stages share
 */
@FunctionalInterface
public interface Stage<E> {

    void handle(E exchange, Chain<E> chain);

    /** A short name for logs and contract errors. */
    default String name() {
        return getClass().getSimpleName();
    }
}
