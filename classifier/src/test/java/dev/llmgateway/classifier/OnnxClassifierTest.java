package dev.llmgateway.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Loads the models shipped in the models module and checks a few prompts no model should get wrong. */
class OnnxClassifierTest {

    private static final Duration GENEROUS = Duration.ofSeconds(30); // first calls warm ONNX Runtime up
    private static Classifier classifier;

    @BeforeAll
    static void load() {
        classifier = Classifier.onnx(ClassifierSettings.defaults());
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    private static Classification classify(String text) {
        return classifier.tryClassify(text, GENEROUS).orElseThrow();
    }

    @Test
    void onnx_shippedModels_areAvailable() {
        assertTrue(classifier.available());
    }

    @Test
    void classify_pythonRequest_isEnglishCoding() {
        Classification c = classify("Write a python function that returns the n-th prime number.");
        assertEquals(Intent.CODING, c.intent());
        assertEquals(Language.EN, c.language());
    }

    @Test
    void classify_chineseTranslationRequest_isChineseTranslation() {
        Classification c = classify("把下面这句话翻译成英文：今天天气真好。");
        assertEquals(Intent.TRANSLATION, c.intent());
        assertEquals(Language.ZH, c.language());
    }

    @Test
    void classify_arithmetic_isMath() {
        assertEquals(Intent.MATH, classify("Solve for x: 5x - 3 = 17").intent());
    }

    @Test
    void classify_summaryRequest_isSummarization() {
        assertEquals(Intent.SUMMARIZATION,
                classify("Summarize the following article in two sentences: The city opened a new library...").intent());
    }

    @Test
    void classify_anyPrompt_scoresAreProbabilitiesAndEmbeddingIsUnitLength() {
        Classification c = classify("What is the capital of France?");
        assertTrue(c.intentConfidence() > 0 && c.intentConfidence() <= 1, "confidence " + c.intentConfidence());
        assertTrue(c.complexity() >= 0 && c.complexity() <= 1, "complexity " + c.complexity());
        assertTrue(c.difficulty() >= 0 && c.difficulty() <= 1, "difficulty " + c.difficulty());
        assertEquals(384, c.embedding().length);
        assertEquals("all-minilm-l6-v2-q", c.embeddingModel());
        double norm = 0;
        for (float x : c.embedding()) {
            norm += x * x;
        }
        assertEquals(1.0, norm, 1e-3);
    }

    @Test
    void classify_hardScienceQuestion_scoresMoreComplexThanSmallTalk() {
        double hard = classify("Let G be a finite group and H a normal subgroup of prime index p. "
                + "Prove that every element of order p^k ... which of the following statements is true?").complexity();
        double easy = classify("Which color do you get by mixing blue and yellow?").complexity();
        assertTrue(hard > easy, "hard " + hard + " vs easy " + easy);
    }

    @Test
    void classify_debuggingTaskWithCode_isMoreDifficultThanSmallTalk() {
        double hard = classify("My service deadlocks under load. The thread dump shows two threads waiting for a pool "
                + "connection while holding a synchronized lock on OrderService:\n\n@Transactional\n"
                + "public synchronized void place(Order o) { repo.save(o); audit.log(o); }\n\n"
                + "Explain the cause and propose a fix that keeps the audit log consistent.").difficulty();
        double easy = classify("Hi! How are you?").difficulty();
        assertTrue(hard > easy + 0.2, "hard " + hard + " vs easy " + easy);
    }

    @Test
    void classify_chinesePrompt_embeddingComesFromTheChineseEncoder() {
        Classification c = classify("请用三句话总结一下这篇关于城市新图书馆开放的文章。");
        assertEquals("bge-small-zh-v1.5-q", c.embeddingModel());
        assertEquals(512, c.embedding().length);
        double norm = 0;
        for (float x : c.embedding()) {
            norm += x * x;
        }
        assertEquals(1.0, norm, 1e-3);
        Classification kept = c.withoutEmbedding();
        assertEquals(0, kept.embedding().length);
        assertEquals("", kept.embeddingModel());
    }
}
