package dev.llmgateway.core.chat;

/** Why the model stopped. */
public enum FinishReason {
    STOP,
    LENGTH,
    TOOL_CALLS,
    CONTENT_FILTER,
    /** A finish reason the upstream sent that has no canonical meaning. */
    OTHER
}
