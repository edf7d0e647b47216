package dev.llmgateway.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.models.runtime.Analysis;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pool behaviour with a fake analyzer that blocks until released: no models, no timing luck. */
class SaturationTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private OnnxClassifier classifier;
    // own caller threads: the common pool may have a single thread on a 2-core machine
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();

    private final Function<String, Analysis> blocking = text -> {
        started.countDown();
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Analysis(new float[] {1f}, List.of("coding", "math"), new float[] {0.9f, 0.1f}, 0.3, 0.05, 0.5, 0.4);
    };

    @AfterEach
    void tearDown() {
        release.countDown();
        classifier.close();
        callers.close();
    }

    private OnnxClassifier withOneWorkerAndQueue(int queue, Duration defaultBudget) {
        classifier = new OnnxClassifier(() -> { }, blocking, new ClassifierSettings(1, queue, defaultBudget, 128, 0));
        return classifier;
    }

    @Test
    void tryClassify_freeWorker_returnsClassification() {
        withOneWorkerAndQueue(1, Duration.ofSeconds(1));
        release.countDown();
        Optional<Classification> c = classifier.tryClassify("write a function", Duration.ofSeconds(5));
        assertTrue(c.isPresent());
        assertEquals(Intent.CODING, c.get().intent());
        assertEquals(0.9, c.get().intentConfidence(), 1e-6);
        assertEquals(Language.EN, c.get().language());
    }

    @Test
    void tryClassify_workerBusyBeyondBudget_returnsEmptyWithinBudget() throws Exception {
        withOneWorkerAndQueue(4, Duration.ofSeconds(1));
        long start = System.nanoTime();
        Optional<Classification> c = classifier.tryClassify("slow", Duration.ofMillis(50));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertFalse(c.isPresent());
        assertTrue(elapsedMs < 1_000, "gave up after " + elapsedMs + " ms");
    }

    @Test
    void tryClassify_queueFull_returnsEmptyAtOnce() throws Exception {
        withOneWorkerAndQueue(1, Duration.ofSeconds(1));
        CompletableFuture<Optional<Classification>> first =
                CompletableFuture.supplyAsync(() -> classifier.tryClassify("a", Duration.ofSeconds(10)), callers);
        assertTrue(started.await(5, TimeUnit.SECONDS), "worker never started");
        CompletableFuture<Optional<Classification>> queued =
                CompletableFuture.supplyAsync(() -> classifier.tryClassify("b", Duration.ofSeconds(10)), callers);
        awaitQueued();

        long start = System.nanoTime();
        Optional<Classification> rejected = classifier.tryClassify("c", Duration.ofSeconds(10));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertFalse(rejected.isPresent());
        assertTrue(elapsedMs < 1_000, "rejection took " + elapsedMs + " ms; a 10 s budget was not meant to be used");
        release.countDown();
        assertTrue(first.get(5, TimeUnit.SECONDS).isPresent());
        assertTrue(queued.get(5, TimeUnit.SECONDS).isPresent());
    }

    @Test
    void classify_saturated_throwsUnavailable() {
        withOneWorkerAndQueue(1, Duration.ofMillis(30));
        assertThrows(ClassifierUnavailableException.class, () -> classifier.classify("slow"));
    }

    @Test
    void unavailableClassifier_anyCall_fallsBack() {
        withOneWorkerAndQueue(1, Duration.ofSeconds(1));
        Classifier none = Classifier.unavailable("no models on the class path");
        assertFalse(none.available());
        assertTrue(none.tryClassify("hello", Duration.ofSeconds(1)).isEmpty());
        assertThrows(ClassifierUnavailableException.class, () -> none.classify("hello"));
    }

    @Test
    void clip_longText_keepsStartAndEnd() {
        withOneWorkerAndQueue(1, Duration.ofSeconds(1));
        String text = "START " + "x".repeat(50_000) + " END";
        String clipped = OnnxClassifier.clip(text);
        assertEquals(OnnxClassifier.MAX_CHARS + 1, clipped.length());
        assertTrue(clipped.startsWith("START"));
        assertTrue(clipped.endsWith("END"));
    }

    private void awaitQueued() throws InterruptedException {
        // the only observable sign that the second task is waiting is the pool's queue size
        for (int i = 0; i < 500 && queueSize() == 0; i++) {
            Thread.sleep(10);
        }
        assertEquals(1, queueSize(), "second request never reached the queue");
    }

    private int queueSize() {
        return classifier.queued();
    }
}
