package dev.llmgateway.models.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScriptTest {

    @Test
    void mostlyHan_chineseWithSomeEnglishTerms_isTrue() {
        assertTrue(Script.mostlyHan("请用Python写一个快速排序的函数"));
    }

    @Test
    void mostlyHan_englishOrEmpty_isFalse() {
        assertFalse(Script.mostlyHan("Translate 你好 into English, please"));
        assertFalse(Script.mostlyHan(""));
    }
}
