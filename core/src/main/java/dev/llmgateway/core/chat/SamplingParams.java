package dev.llmgateway.core.chat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Sampling and length settings; an empty value means "the upstream's default". */
public record SamplingParams(OptionalInt maxOutputTokens, OptionalDouble temperature, OptionalDouble topP,
                             OptionalInt topK, List<String> stop, OptionalLong seed, OptionalInt n,
                             OptionalDouble presencePenalty, OptionalDouble frequencyPenalty,
                             Optional<String> reasoningEffort) {

    public SamplingParams {
        stop = List.copyOf(stop);
    }

    public static SamplingParams defaults() {
        return new SamplingParams(OptionalInt.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalInt.empty(), List.of(), OptionalLong.empty(), OptionalInt.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty());
    }
}
