package dev.llmgateway.core.pipeline;

import java.util.List;

/**
 * Index-based chain of stages (one chain object per call of {@link #start}). Each stage may call
 * {@link #proceed} at most once; a second call is a defect and is reported with the stage's name.
 */
public final class Chain<E> {

    private final List<Stage<E>> stages;
    private final int index;
    private boolean called;

    private Chain(List<Stage<E>> stages, int index) {
        this.stages = stages;
        this.index = index;
    }

    /** Runs the stages in order on {@code exchange}. */
    public static <E> void start(List<Stage<E>> stages, E exchange) {
        new Chain<>(List.copyOf(stages), 0).proceed(exchange);
    }

    /** Passes the exchange to the next stage; past the last stage, does nothing. */
    public void proceed(E exchange) {
        if (called) {
            throw new IllegalStateException("proceed() called twice by stage "
                    + stages.get(index - 1).name());
        }
        called = true;
        if (index < stages.size()) {
            stages.get(index).handle(exchange, new Chain<>(stages, index + 1));
        }
    }
}
