package dev.llmgateway.router.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.classifier.Classification;
import dev.llmgateway.classifier.Intent;
import dev.llmgateway.classifier.Language;
import org.junit.jupiter.api.Test;

/** Reading one input line and writing its result line. */
class PromptLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String invalid(String line) {
        return assertThrows(PromptLine.Invalid.class, () -> PromptLine.parse(line, 7)).getMessage();
    }

    @Test
    void parse_idAndText_keepsBothAndTheLineNumber() {
        PromptLine p = PromptLine.parse("{\"id\":\"a-1\",\"text\":\"Hello there\",\"label\":\"x\"}", 3);

        assertEquals(3, p.number());
        assertEquals("a-1", p.id().asText());
        assertEquals("Hello there", p.text());
    }

    @Test
    void parse_promptField_isTheTextWhenThereIsNoText() {
        assertEquals("写一首诗", PromptLine.parse("{\"id\":1,\"prompt\":\"写一首诗\"}", 1).text());
    }

    @Test
    void parse_textAndPrompt_textWins() {
        assertEquals("t", PromptLine.parse("{\"id\":1,\"prompt\":\"p\",\"text\":\"t\"}", 1).text());
    }

    @Test
    void parse_notJson_namesTheLine() {
        String message = invalid("{\"id\": 1, \"text\": ");
        assertTrue(message.startsWith("line 7: not valid JSON"), message);
    }

    @Test
    void parse_trailingGarbage_isInvalid() {
        assertTrue(invalid("{\"id\":1,\"text\":\"a\"} {\"id\":2}").startsWith("line 7: not valid JSON"));
    }

    @Test
    void parse_notAnObject_isInvalid() {
        assertEquals("line 7: not a JSON object", invalid("[1, 2]"));
    }

    @Test
    void parse_missingOrNullId_isInvalid() {
        assertEquals("line 7: no \"id\"", invalid("{\"text\":\"hi\"}"));
        assertEquals("line 7: no \"id\"", invalid("{\"id\":null,\"text\":\"hi\"}"));
    }

    @Test
    void parse_objectId_isInvalid() {
        assertEquals("line 7: \"id\" must be a string or a number, not object", invalid("{\"id\":{},\"text\":\"hi\"}"));
    }

    @Test
    void parse_noTextNorPrompt_isInvalid() {
        assertEquals("line 7: no \"text\" or \"prompt\"", invalid("{\"id\":\"x\",\"question\":\"hi\"}"));
    }

    @Test
    void parse_numericText_isInvalid() {
        assertEquals("line 7: \"text\" must be a string", invalid("{\"id\":\"x\",\"text\":42}"));
    }

    @Test
    void result_hasTheFiveFieldsInOrder_scoresToFourDecimals_idAsGiven() throws Exception {
        PromptLine p = PromptLine.parse("{\"id\":17,\"text\":\"x\"}", 1);
        Classification c = new Classification(Language.ZH, Intent.CREATIVE_WRITING, 0.876543, 0.00001, 0.4, new float[0]);

        String line = p.result(c);

        assertEquals(JSON.readTree("{\"id\":17,\"language\":\"zh\",\"intent\":\"creative_writing\","
                + "\"intent_confidence\":0.8765,\"complexity\":0.0,\"difficulty\":0.4}"), JSON.readTree(line));
        assertTrue(line.startsWith("{\"id\":17,\"language\":"), line);
        assertTrue(line.endsWith("\"complexity\":0.0000,\"difficulty\":0.4000}"), "plain notation, not 0E-4: " + line);
    }
}
