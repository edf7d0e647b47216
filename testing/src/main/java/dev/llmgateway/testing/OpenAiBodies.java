package dev.llmgateway.testing;

import java.util.ArrayList;
import java.util.List;

/** OpenAI Chat Completions bodies and stream events in the real API's shapes, for fakes and fixtures. */
public final class OpenAiBodies {

    private OpenAiBodies() {
    }

    public static String completion(String content) {
        return "{\"id\":\"chatcmpl-fake1\",\"object\":\"chat.completion\",\"created\":1700000000,"
                + "\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_fake\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + quote(content)
                + ",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":3},\"completion_tokens_details\":{\"reasoning_tokens\":0}}}";
    }

    /** Role chunk, one chunk per word, finish chunk, and (when {@code usage}) the usage-only chunk. */
    public static List<String> chunks(String[] words, boolean usage) {
        List<String> out = new ArrayList<>();
        out.add(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null));
        for (int i = 0; i < words.length; i++) {
            out.add(chunk("{\"content\":" + quote((i == 0 ? "" : " ") + words[i]) + "}", null));
        }
        out.add(chunk("{}", "stop"));
        if (usage) {
            out.add(usageChunk(11, words.length));
        }
        return out;
    }

    public static String chunk(String delta, String finishReason) {
        return "{\"id\":\"chatcmpl-fake1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_fake\",\"choices\":[{\"index\":0,"
                + "\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":"
                + (finishReason == null ? "null" : quote(finishReason)) + "}],\"usage\":null}";
    }

    public static String usageChunk(long prompt, long completion) {
        return "{\"id\":\"chatcmpl-fake1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[],\"usage\":{\"prompt_tokens\":" + prompt
                + ",\"completion_tokens\":" + completion + ",\"total_tokens\":" + (prompt + completion) + "}}";
    }

    /** Two parallel tool calls, streamed with argument fragments per index, as OpenAI sends them. */
    public static List<String> parallelToolCallChunks() {
        List<String> out = new ArrayList<>();
        out.add(chunk("{\"role\":\"assistant\",\"content\":null}", null));
        out.add(chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", null));
        out.add(chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}", null));
        out.add(chunk("{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"get_time\",\"arguments\":\"\"}}]}", null));
        out.add(chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]}", null));
        out.add(chunk("{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{\\\"tz\\\":\\\"CET\\\"}\"}}]}", null));
        out.add(chunk("{}", "tool_calls"));
        out.add(usageChunk(40, 25));
        return out;
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
