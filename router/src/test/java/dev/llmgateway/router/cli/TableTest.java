package dev.llmgateway.router.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void columns_areAligned_numbersRight_textLeft_noTrailingSpaces() {
        String out = Table.of("ACCOUNT", "STATUS", "REQUESTS")
                .row("openai/main", "healthy", 12)
                .row("openai/b", "cooling_down", 3)
                .render();

        assertEquals("""
                ACCOUNT      STATUS        REQUESTS
                openai/main  healthy             12
                openai/b     cooling_down         3
                """, out);
    }

    @Test
    void emptyAndMissingCells_showAsDash_andWideCharactersCountOnce() {
        String out = Table.of("KEY", "REASON", "N").row("sk-…3f2a", null).row("", "x", 1).render();

        assertEquals("""
                KEY       REASON  N
                sk-…3f2a  -       -
                -         x       1
                """, out);
    }

    @Test
    void noRows_givesTheHeaderAlone() {
        assertEquals("A  B\n", Table.of("A", "B").render());
    }

    @Test
    void tooManyCells_isADefect() {
        assertThrows(IllegalArgumentException.class, () -> Table.of("A").row(1, 2));
    }
}
