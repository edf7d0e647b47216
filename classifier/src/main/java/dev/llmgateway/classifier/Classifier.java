package dev.llmgateway.classifier;

import java.time.Duration;
import java.util.Optional;

/**
 * Analyses a prompt's text: language, intent, complexity and its sentence embedding.
 *
 * <p>Implementations are thread-safe. Classification is CPU-bound and runs on a small bounded
 * pool; neither method blocks for long. Routing should call {@link #tryClassify} and fall back to
 * its default route on {@code Optional.empty()}.
 */
public interface Classifier extends AutoCloseable {

    /**
     * Classifies within the implementation's default budget.
     *
     * @throws ClassifierUnavailableException when the pool is saturated, the budget is spent or no
     *                                        model is loaded
     */
    Classification classify(String text);

    /** Classifies within {@code budget}; empty when saturated, timed out or without a model. */
    Optional<Classification> tryClassify(String text, Duration budget);

    /** Whether a model is loaded; a classifier without one answers every call with "unavailable". */
    boolean available();

    @Override
    void close();

    /** The shipped ONNX models on a pool of one worker per core; an unavailable classifier when they are missing. */
    static Classifier onnx(ClassifierSettings settings) {
        return OnnxClassifier.loadOrUnavailable(settings);
    }

    /** A classifier that never answers, so routing takes its default path (models absent or disabled). */
    static Classifier unavailable(String reason) {
        return new UnavailableClassifier(reason);
    }
}
