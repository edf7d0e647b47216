package dev.llmgateway.router.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.classifier.Classification;
import dev.llmgateway.classifier.Classifier;
import dev.llmgateway.classifier.Intent;
import dev.llmgateway.classifier.Language;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Order, skipping and counting over a whole file, with a fake classifier. */
class PromptFileClassifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Complexity is the text's length / 1000; answers arrive in random order; "silent" gets no answer. */
    private static final class FakeClassifier implements Classifier {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Classification classify(String text) {
            return tryClassify(text, Duration.ofSeconds(1)).orElseThrow();
        }

        @Override
        public Optional<Classification> tryClassify(String text, Duration budget) {
            calls.incrementAndGet();
            try {
                Thread.sleep(ThreadLocalRandom.current().nextInt(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (text.equals("silent")) {
                return Optional.empty();
            }
            return Optional.of(new Classification(Language.EN, Intent.OPEN_QA, 0.5, text.length() / 1000.0,
                    0.5, new float[0]));
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private record Run(PromptFileClassifier.Summary summary, List<JsonNode> out, String err) {
    }

    private static Run run(String input, Classifier classifier) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PromptFileClassifier.Summary s = new PromptFileClassifier(classifier, 3)
                .run(new BufferedReader(new StringReader(input)), out, new PrintWriter(err));
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isEmpty()) {
                lines.add(JSON.readTree(line));
            }
        }
        return new Run(s, lines, err.toString());
    }

    @Test
    void run_moreLinesThanAChunk_writesEveryResultInInputOrder() throws Exception {
        StringBuilder in = new StringBuilder();
        int n = PromptFileClassifier.CHUNK * 2 + 5;
        for (int i = 0; i < n; i++) {
            in.append("{\"id\":").append(i).append(",\"text\":\"").append("x".repeat(i)).append("\"}\n");
        }

        Run r = run(in.toString(), new FakeClassifier());

        assertEquals(new PromptFileClassifier.Summary(n, 0, 0), r.summary());
        assertEquals(n, r.out().size());
        for (int i = 0; i < n; i++) {
            assertEquals(i, r.out().get(i).get("id").asInt());
            assertEquals(i / 1000.0, r.out().get(i).get("complexity").asDouble(), 1e-4);
        }
        assertEquals("", r.err());
    }

    @Test
    void run_badLines_reportsEachByNumber_writesTheRest_skipsBlankLines() throws Exception {
        String in = """
                {"id":"a","text":"one"}
                not json

                {"text":"no id"}
                {"id":"b","prompt":"two"}
                {"id":"c"}
                """;
        FakeClassifier classifier = new FakeClassifier();

        Run r = run(in, classifier);

        assertEquals(new PromptFileClassifier.Summary(2, 3, 0), r.summary());
        assertEquals(List.of("a", "b"), r.out().stream().map(j -> j.get("id").asText()).toList());
        assertEquals(2, classifier.calls.get());
        List<String> errors = r.err().lines().toList();
        assertEquals(3, errors.size(), r.err());
        assertTrue(errors.get(0).startsWith("line 2: not valid JSON"), errors.get(0));
        assertEquals("line 4: no \"id\"", errors.get(1));
        assertEquals("line 6: no \"text\" or \"prompt\"", errors.get(2));
    }

    @Test
    void run_byteOrderMark_isIgnored() throws Exception {
        Run r = run("\uFEFF{\"id\":1,\"text\":\"hi\"}\n", new FakeClassifier());
        assertEquals(1, r.summary().classified());
    }

    @Test
    void run_unansweredPrompt_isCountedAsFailedAndNamed() throws Exception {
        Run r = run("{\"id\":1,\"text\":\"silent\"}\n{\"id\":2,\"text\":\"hi\"}", new FakeClassifier());

        assertEquals(new PromptFileClassifier.Summary(1, 0, 1), r.summary());
        assertTrue(r.err().startsWith("line 1: the classifier gave no answer"), r.err());
    }

    @Test
    void run_longPrompt_isClippedToItsLast8000Characters_likeRouting() throws Exception {
        Run r = run("{\"id\":1,\"text\":\"" + "y".repeat(20_000) + "\"}", new FakeClassifier());
        assertEquals(8.0, r.out().get(0).get("complexity").asDouble(), 1e-9);
    }
}
