package dev.llmgateway.core.chat;

/** The wire formats the gateway speaks, as a client-facing dialect or as an upstream API. */
public enum Dialect {
    OPENAI_CHAT,
    OPENAI_RESPONSES,
    ANTHROPIC_MESSAGES,
    GEMINI
}
