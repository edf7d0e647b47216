package dev.llmgateway.router.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.classifier.Classifier;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code llm-gateway classify} end to end on small files, with the shipped models (as the classifier's own tests load them). */
class ClassifyCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> INTENTS = Set.of("coding", "math", "creative_writing", "open_qa", "closed_qa",
            "summarization", "information_extraction", "classification", "brainstorming", "translation", "rewrite",
            "reasoning", "roleplay", "other");

    @TempDir
    Path dir;

    private record Result(int exit, String err) {
    }

    private static Result run(ClassifyCommand command, String... args) {
        command.logging = () -> { };
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setErr(new PrintWriter(err, true));
        return new Result(cli.execute(args), err.toString());
    }

    private static List<JsonNode> readJsonl(Path file) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            rows.add(JSON.readTree(line));
        }
        return rows;
    }

    @Test
    void classify_englishAndChinesePrompts_withTheShippedModels_writesOneScoredLineEachInOrder() throws Exception {
        Path in = dir.resolve("prompts.jsonl");
        Files.writeString(in, """
                {"id": "en-code", "text": "Write a Python function that checks whether a string is a palindrome."}
                {"id": 2, "prompt": "把下面这句话翻译成英文：我明天要去北京开会。"}
                {"id": "en-proof", "text": "Prove that there are infinitely many primes p such that p + 2 is also prime, or explain why this is open."}
                {"id": "zh-chat", "text": "你好，今天过得怎么样？"}
                """, StandardCharsets.UTF_8);
        Path out = dir.resolve("scores.jsonl");

        Result r = run(new ClassifyCommand(), "--input", in.toString(), "--output", out.toString());

        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().startsWith("classify: 4 prompts in "), r.err());
        assertTrue(r.err().contains("prompts/s"), r.err());
        List<JsonNode> rows = readJsonl(out);
        assertEquals(List.of("en-code", "2", "en-proof", "zh-chat"), rows.stream().map(j -> j.get("id").asText()).toList());
        assertTrue(rows.get(1).get("id").isNumber(), "ids are echoed with their JSON type");
        assertEquals(List.of("en", "zh", "en", "zh"), rows.stream().map(j -> j.get("language").asText()).toList());
        assertEquals("coding", rows.get(0).get("intent").asText());
        assertEquals("translation", rows.get(1).get("intent").asText());
        for (JsonNode row : rows) {
            assertEquals(List.of("id", "language", "intent", "intent_confidence", "complexity", "difficulty"),
                    iterableToList(row.fieldNames()));
            assertTrue(INTENTS.contains(row.get("intent").asText()), row.toString());
            double confidence = row.get("intent_confidence").asDouble();
            double complexity = row.get("complexity").asDouble();
            assertTrue(confidence > 0 && confidence <= 1, row.toString());
            assertTrue(complexity >= 0 && complexity <= 1, row.toString());
            double difficulty = row.get("difficulty").asDouble();
            assertTrue(difficulty >= 0 && difficulty <= 1, row.toString());
        }
    }

    @Test
    void classify_invalidLines_exit2_reportEachLine_andWriteTheValidOnes() throws Exception {
        Path in = dir.resolve("mixed.jsonl");
        Files.writeString(in, """
                {"id": "ok", "text": "What is the capital of France?"}
                {"id": "no-text"}
                {oops
                """, StandardCharsets.UTF_8);
        Path out = dir.resolve("out.jsonl");

        Result r = run(new ClassifyCommand(), "-i", in.toString(), "-o", out.toString());

        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("line 2: no \"text\" or \"prompt\""), r.err());
        assertTrue(r.err().contains("line 3: not valid JSON"), r.err());
        assertTrue(r.err().contains("classify: 1 prompts in ") && r.err().contains("2 invalid lines skipped"), r.err());
        assertEquals(List.of("ok"), readJsonl(out).stream().map(j -> j.get("id").asText()).toList());
    }

    @Test
    void classify_modelsMissing_exit1_withAClearMessage_andNoOutput() throws Exception {
        Path in = dir.resolve("one.jsonl");
        Files.writeString(in, "{\"id\":1,\"text\":\"hi\"}\n");
        Path out = dir.resolve("none.jsonl");
        ClassifyCommand command = new ClassifyCommand();
        command.classifiers = () -> Classifier.unavailable("model file missing: intent-head.onnx");

        Result r = run(command, "--input", in.toString(), "--output", out.toString());

        assertEquals(1, r.exit());
        assertTrue(r.err().contains("models could not be loaded"), r.err());
        assertEquals("", Files.readString(out));
    }

    @Test
    void classify_inputMissing_exit1_beforeLoadingModels() {
        ClassifyCommand command = new ClassifyCommand();
        command.classifiers = () -> {
            throw new AssertionError("models must not be loaded for a missing input");
        };

        Result r = run(command, "--input", dir.resolve("absent.jsonl").toString());

        assertEquals(1, r.exit());
        assertTrue(r.err().contains("no such file") && r.err().contains("absent.jsonl"), r.err());
    }

    @Test
    void classify_outputSameAsInput_isAUsageError_andLeavesTheInputAlone() throws Exception {
        Path in = dir.resolve("same.jsonl");
        Files.writeString(in, "{\"id\":1,\"text\":\"hi\"}\n");

        Result r = run(new ClassifyCommand(), "--input", in.toString(), "--output", in.toString());

        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--output must differ from --input"), r.err());
        assertFalse(Files.readString(in).isEmpty());
    }

    @Test
    void classify_withoutInput_isAUsageError() {
        assertEquals(2, run(new ClassifyCommand()).exit());
    }

    @Test
    void main_lists_classify() {
        assertTrue(new CommandLine(new Main()).getSubcommands().containsKey("classify"));
    }

    private static List<String> iterableToList(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
