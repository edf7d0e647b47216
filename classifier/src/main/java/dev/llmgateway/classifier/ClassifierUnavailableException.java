package dev.llmgateway.classifier;

/**
 * {@link Classifier#classify} could not answer in time: the worker pool is full, the budget ran
 * out, or no model is loaded. Callers route with their default instead of failing the request.
 */
public final class ClassifierUnavailableException extends RuntimeException {

    public ClassifierUnavailableException(String message) {
        super(message);
    }
}
