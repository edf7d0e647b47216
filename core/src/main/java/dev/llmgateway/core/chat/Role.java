package dev.llmgateway.core.chat;

/** Who wrote a message. OpenAI's "developer" role is kept apart from "system" so it round-trips. */
public enum Role {
    SYSTEM,
    DEVELOPER,
    USER,
    ASSISTANT,
    TOOL
}
