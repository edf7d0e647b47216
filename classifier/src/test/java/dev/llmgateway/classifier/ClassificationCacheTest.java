package dev.llmgateway.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.models.runtime.Analysis;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ClassificationCacheTest {

    private final AtomicInteger analyses = new AtomicInteger();
    private final Function<String, Analysis> counting = text -> {
        analyses.incrementAndGet();
        return new Analysis(new float[] {0.6f, 0.8f}, List.of("coding", "math"), new float[] {0.2f, 0.8f}, 0.4, 0.1, 0.6, 0.55,
                "test-encoder");
    };

    private OnnxClassifier classifierWithCache(int entries) {
        return new OnnxClassifier(() -> { }, counting,
                new ClassifierSettings(1, 4, Duration.ofSeconds(5), 128, entries));
    }

    @Test
    void tryClassify_samePromptTwice_analysesOnce() {
        try (OnnxClassifier classifier = classifierWithCache(8)) {
            Classification first = classifier.tryClassify("solve 2x + 3 = 7", Duration.ofSeconds(5)).orElseThrow();
            Classification second = classifier.tryClassify("solve 2x + 3 = 7", Duration.ofSeconds(5)).orElseThrow();
            assertEquals(1, analyses.get());
            assertEquals(Intent.MATH, second.intent());
            assertEquals(first.complexity(), second.complexity());
            assertEquals(first.difficulty(), second.difficulty());
            assertArrayEquals(first.embedding(), second.embedding());
            assertEquals("test-encoder", first.embeddingModel(), "the encoder's name travels with its vector");
            assertEquals("test-encoder", second.embeddingModel());
        }
    }

    @Test
    void tryClassify_callerChangesEmbedding_cachedCopyUnchanged() {
        try (OnnxClassifier classifier = classifierWithCache(8)) {
            Classification first = classifier.tryClassify("hello", Duration.ofSeconds(5)).orElseThrow();
            first.embedding()[0] = 42f;
            Classification second = classifier.tryClassify("hello", Duration.ofSeconds(5)).orElseThrow();
            assertEquals(0.6f, second.embedding()[0]);
            assertNotSame(first.embedding(), second.embedding());
        }
    }

    @Test
    void tryClassify_moreDistinctPromptsThanCapacity_evictsLeastRecentlyUsed() {
        try (OnnxClassifier classifier = classifierWithCache(2)) {
            classifier.tryClassify("a", Duration.ofSeconds(5)).orElseThrow();
            classifier.tryClassify("b", Duration.ofSeconds(5)).orElseThrow();
            classifier.tryClassify("a", Duration.ofSeconds(5)).orElseThrow(); // a is now the most recent
            classifier.tryClassify("c", Duration.ofSeconds(5)).orElseThrow(); // evicts b
            assertEquals(3, analyses.get());
            classifier.tryClassify("a", Duration.ofSeconds(5)).orElseThrow();
            assertEquals(3, analyses.get());
            classifier.tryClassify("b", Duration.ofSeconds(5)).orElseThrow();
            assertEquals(4, analyses.get());
            assertTrue(classifier.cached() <= 2);
        }
    }

    @Test
    void tryClassify_cacheOff_analysesEveryTime() {
        try (OnnxClassifier classifier = classifierWithCache(0)) {
            classifier.tryClassify("same", Duration.ofSeconds(5)).orElseThrow();
            classifier.tryClassify("same", Duration.ofSeconds(5)).orElseThrow();
            assertEquals(2, analyses.get());
            assertEquals(0, classifier.cached());
        }
    }
}
