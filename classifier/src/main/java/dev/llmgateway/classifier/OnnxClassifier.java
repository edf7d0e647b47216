package dev.llmgateway.classifier;

import dev.llmgateway.models.runtime.Analysis;
import dev.llmgateway.models.runtime.BundleSession;
import dev.llmgateway.models.runtime.EncoderSettings;
import dev.llmgateway.models.runtime.ModelBundle;
import dev.llmgateway.models.runtime.ModelMissingException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The shipped models (all-MiniLM-L6-v2 + ONNX heads, see the {@code models} module) on a fixed
 * pool of platform threads with a bounded queue. A full queue rejects at once and a caller's
 * budget is never exceeded by more than scheduling noise, so a burst of traffic degrades routing
 * to its default instead of stacking up latency. Each worker owns its DJL predictors. A repeated
 * prompt is answered from a small LRU cache on the caller's thread without queueing.
 */
public final class OnnxClassifier implements Classifier {

    private static final Logger LOG = Logger.getLogger(OnnxClassifier.class.getName());
    /** Tokenising a megabyte costs more than the model; the encoder reads only the start anyway. */
    static final int MAX_CHARS = 8_000;

    private final AutoCloseable models;
    private final Function<String, Analysis> analyzerForThread;
    private final ThreadPoolExecutor pool;
    private final Duration defaultBudget;
    private final ClassificationCache cache;

    OnnxClassifier(ModelBundle bundle, ClassifierSettings settings) {
        this(bundle, perWorkerSessions(bundle), settings);
    }

    /** Test seam: {@code analyzer} runs on the worker threads in place of the models. */
    OnnxClassifier(AutoCloseable models, Function<String, Analysis> analyzer, ClassifierSettings settings) {
        this.models = models;
        this.analyzerForThread = analyzer;
        this.defaultBudget = settings.defaultBudget();
        this.cache = new ClassificationCache(settings.cacheEntries());
        this.pool = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, settings.queueCapacity())), workerThreads(),
                new ThreadPoolExecutor.AbortPolicy());
        this.pool.prestartAllCoreThreads();
    }

    static Classifier loadOrUnavailable(ClassifierSettings settings) {
        try {
            ModelBundle bundle = ModelBundle.fromClasspath(new EncoderSettings(settings.maxTokens(), 1));
            return new OnnxClassifier(bundle, settings);
        } catch (ModelMissingException | IllegalStateException | java.io.UncheckedIOException e) {
            LOG.log(Level.WARNING, "classifier models not loaded, routing will use defaults: " + e.getMessage());
            return Classifier.unavailable(e.getMessage());
        }
    }

    @Override
    public Classification classify(String text) {
        return tryClassify(text, defaultBudget).orElseThrow(() -> new ClassifierUnavailableException(
                "classifier busy or too slow (budget " + defaultBudget.toMillis() + " ms)"));
    }

    @Override
    public Optional<Classification> tryClassify(String text, Duration budget) {
        String clipped = clip(text);
        ClassificationCache.Key key = ClassificationCache.keyOf(clipped);
        Optional<Classification> cached = cache.get(key);
        if (cached.isPresent()) {
            return cached;
        }
        Future<Classification> result;
        try {
            result = pool.submit(() -> {
                Classification fresh = toClassification(clipped, analyzerForThread.apply(clipped));
                cache.put(key, fresh); // before the caller sees it, so the caller's copy stays its own
                return fresh;
            });
        } catch (RejectedExecutionException saturatedOrClosed) {
            return Optional.empty();
        }
        try {
            return Optional.of(result.get(budget.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            result.cancel(false); // a queued task is then skipped by its worker
            return Optional.empty();
        } catch (InterruptedException e) {
            result.cancel(false);
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "classification failed", e.getCause());
            return Optional.empty();
        }
    }

    static Classification toClassification(String text, Analysis analysis) {
        int top = analysis.topIntent();
        return new Classification(LanguageDetector.detect(text),
                Intent.fromLabel(analysis.intentLabels().get(top)),
                analysis.intentProbabilities()[top], analysis.complexity(), analysis.difficulty(),
                analysis.embedding(), analysis.embeddingModel());
    }

    static String clip(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        // keep the end too: instructions such as "summarise the above" often come last
        return text.substring(0, MAX_CHARS - 2_000) + "\n" + text.substring(text.length() - 2_000);
    }

    /** Classifications held in the prompt cache, for metrics and tests. */
    int cached() {
        return cache.size();
    }

    /** Requests waiting for a worker, for metrics and tests. */
    int queued() {
        return pool.getQueue().size();
    }

    @Override
    public boolean available() {
        return !pool.isShutdown();
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
            models.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "closing models failed", e);
        }
    }

    /**
     * Every worker thread lazily opens its own session (DJL predictors are not thread-safe). The
     * workers live as long as the pool, and closing the bundle frees the sessions' native memory.
     */
    private static Function<String, Analysis> perWorkerSessions(ModelBundle bundle) {
        ThreadLocal<BundleSession> mine = ThreadLocal.withInitial(bundle::newSession);
        return text -> mine.get().analyze(text);
    }

    private static ThreadFactory workerThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> Thread.ofPlatform().name("classifier-" + n.incrementAndGet()).daemon(true).unstarted(r);
    }
}
