package dev.llmgateway.router.demo;

/**
 * What the simulator does for a model name. Any name works; these words in it select behaviour:
 * {@code error-NNN} always fails with status NNN; {@code flaky} fails every other request with 503;
 * {@code slow} waits 1.5 s before answering; {@code cut} breaks streams after three chunks;
 * {@code fast} streams without pauses; {@code tools} answers with tool calls when tools are given (the
 * one tool the last user message names, with its {@code name=value} words as arguments, else the
 * first two tools with placeholder arguments) and, after tool results, with a text quoting them.
 * A request for JSON output is answered with an object shaped by its schema.
 * Otherwise the answer echoes the last user message, streamed a word every 20 ms. Independently of
 * the model, an OpenAI-dialect request whose API key contains {@code flaky} fails every third time
 * with 503, so an account pool with such an account shows failover.
 */
record SimBehaviour(String model, int fixedError, boolean flaky, long firstByteDelayMs, long chunkDelayMs,
                    int cutAfterChunks, boolean tools) {

    static SimBehaviour forModel(String model) {
        int fixed = 0;
        int at = model.indexOf("error-");
        if (at >= 0) {
            try {
                fixed = Integer.parseInt(model.substring(at + 6, Math.min(model.length(), at + 9)));
            } catch (NumberFormatException ignored) {
                fixed = 500;
            }
        }
        return new SimBehaviour(model, fixed, model.contains("flaky"), model.contains("slow") ? 1500 : 0,
                model.contains("fast") ? 0 : 20, model.contains("cut") ? 3 : -1, model.contains("tools"));
    }

    /** The status to fail the {@code n}-th request with, or 0 to answer. */
    int errorStatus(long n) {
        if (fixedError != 0) {
            return fixedError;
        }
        return flaky && n % 2 == 1 ? 503 : 0;
    }
}
