package dev.llmgateway.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LanguageDetectorTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Write a Python function that reverses a string.|EN",
        "ok|EN",
        "SELECT * FROM users WHERE id = 1|EN",
        "请把这句话翻译成英文。|ZH",
        "用Python写一个函数，判断一个字符串是不是回文。|ZH",
        "请将以下段落翻译成中文：Artificial intelligence is changing the way we work.|ZH",
        "這是一個繁體中文的句子。|ZH",
        "東京の天気はどうですか？|OTHER",
        "오늘 날씨 어때요?|OTHER",
        "Какая сегодня погода в Москве?|OTHER",
        "Quelle est la capitale de la France et pourquoi est-elle si célèbre aujourd'hui ?|OTHER",
        "12 + 35 = ?|OTHER",
        "将以下英文文章翻译成中文。 The ability to communicate effectively is an essential skill in today's workplace, and it takes years of practice to master it well.|ZH",
        "Translate this Chinese sentence into English, please, and explain the grammar: 我明天去北京。|EN",
    })
    void detect_sample_returnsExpectedLanguage(String text, Language expected) {
        assertEquals(expected, LanguageDetector.detect(text));
    }

    @Test
    void detect_emptyText_isOther() {
        assertEquals(Language.OTHER, LanguageDetector.detect(""));
    }

    @Test
    void detect_hugeText_readsOnlyItsStart() {
        String text = "这是中文。".repeat(1_000) + "English words only from here on. ".repeat(10_000);
        assertEquals(Language.ZH, LanguageDetector.detect(text));
    }
}
