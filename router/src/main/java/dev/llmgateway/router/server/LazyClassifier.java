package dev.llmgateway.router.server;

import dev.llmgateway.classifier.Classification;
import dev.llmgateway.classifier.Classifier;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The classifier, loaded only once a routing policy needs it (the ONNX models take about a second
 * and some memory): at start when the configuration has policies, or when the first policy is
 * created through the admin API. Until then it answers "unavailable". Thread-safe.
 */
final class LazyClassifier implements Classifier {

    private static final Logger LOG = Logger.getLogger(LazyClassifier.class.getName());

    private final Supplier<Classifier> loader;
    private volatile Classifier delegate = Classifier.unavailable("no routing policy configured");
    private boolean loaded;

    LazyClassifier(Supplier<Classifier> loader) {
        this.loader = loader;
    }

    /** Loads and warms up the classifier unless that was done already; blocks meanwhile. */
    synchronized void load() {
        if (loaded) {
            return;
        }
        long start = System.nanoTime();
        Classifier c = loader.get();
        warmUp(c);
        delegate = c;
        loaded = true;
        LOG.info(() -> "classifier " + (c.available() ? "loaded" : "unavailable") + " in "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    @Override
    public Classification classify(String text) {
        return delegate.classify(text);
    }

    @Override
    public Optional<Classification> tryClassify(String text, Duration budget) {
        return delegate.tryClassify(text, budget);
    }

    @Override
    public boolean available() {
        return delegate.available();
    }

    @Override
    public synchronized void close() {
        delegate.close();
    }

    /**
     * A few classifications, so the first requests do not pay for compiling the inference path and
     * fall back to the default route for lack of time.
     */
    private static void warmUp(Classifier classifier) {
        if (classifier.available()) {
            for (String text : List.of("warm up", "Write a function that merges two sorted lists.", "你好，世界")) {
                classifier.tryClassify(text, Duration.ofSeconds(10));
            }
        }
    }
}
