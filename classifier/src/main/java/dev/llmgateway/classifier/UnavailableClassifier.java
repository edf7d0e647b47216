package dev.llmgateway.classifier;

import java.time.Duration;
import java.util.Optional;

/** Stands in when no model could be loaded, so callers need no null checks and no second code path. */
record UnavailableClassifier(String reason) implements Classifier {

    @Override
    public Classification classify(String text) {
        throw new ClassifierUnavailableException("classifier unavailable: " + reason);
    }

    @Override
    public Optional<Classification> tryClassify(String text, Duration budget) {
        return Optional.empty();
    }

    @Override
    public boolean available() {
        return false;
    }

    @Override
    public void close() {
    }
}
