package dev.llmgateway.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Measures {@link LanguageDetector} on the intent evaluation sets (read in place from
 * {@code ../shared/data/intent}, never copied). Not a unit test: the data may be absent.
 *
 * <pre>mvn -pl classifier exec:java -Dbench.main=dev.llmgateway.classifier.LanguageReport -Dbench.args=../shared/data</pre>
 */
public final class LanguageReport {

    private LanguageReport() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data").resolve("intent");
        ObjectMapper json = new ObjectMapper();
        for (String file : List.of("wizardlm_testset.dev.jsonl", "belle_eval_zh.dev.jsonl")) {
            int total = 0;
            int correct = 0;
            for (String line : Files.readAllLines(data.resolve(file))) {
                JsonNode row = json.readTree(line);
                String expected = row.get("lang").asText();
                String actual = LanguageDetector.detect(row.get("text").asText()).code();
                total++;
                if (expected.equals(actual)) {
                    correct++;
                } else {
                    System.out.printf("  %s: expected %s, got %s: %.80s%n", row.get("id").asText(), expected, actual,
                            row.get("text").asText().replace('\n', ' '));
                }
            }
            System.out.printf("%s: %d/%d = %.1f%% correct%n", file, correct, total, 100.0 * correct / total);
        }
    }
}
