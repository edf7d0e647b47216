package dev.llmgateway.models.runtime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * {@code manifest.json} beside the model files: what each file is, its checksum, labels, how it was
 * trained and how well it did. Written by the training pipeline, read and verified at load time.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelManifest(String version, Encoder encoder,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Encoder chineseEncoder, List<Head> heads) {

    public static final String RESOURCE_DIR = "dev/llmgateway/models/";
    public static final String RESOURCE = RESOURCE_DIR + "manifest.json";

    public ModelManifest {
        heads = List.copyOf(heads);
    }

    /** A manifest with one encoder for every text. */
    public ModelManifest(String version, Encoder encoder, List<Head> heads) {
        this(version, encoder, null, heads);
    }

    /**
     * The encoder for mostly-Han text ({@link Script#mostlyHan}), used instead of {@link #encoder}
     * for those texts; empty (the field absent or null) when every text goes through the main encoder.
     */
    public Optional<Encoder> chinese() {
        return Optional.ofNullable(chineseEncoder);
    }

    public Optional<Head> head(String name) {
        return heads.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /** A sentence encoder the heads read from; {@code name} is an {@link EncoderModel#name()}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Encoder(String name, String artifact, int dimensions, String pooling, int maxTokens) {
    }

    /**
     * One classification head.
     *
     * @param labels output columns in order; {@code positiveLabel} names the one a binary head scores
     * @param metrics free-form numbers from the evaluation run, for people and dashboards
     * @param routing how the complexity head's outcome probabilities become routing numbers; null
     *                for other heads
     * @param demand how the task head's levels become a routing number; null for other heads
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Head(String name, String version, String file, String sha256, List<String> labels,
                       String positiveLabel, FeatureLayout features, String trainer,
                       String trainingData, JsonNode metrics, RoutingScore routing, TaskDemand demand) {

        public Head {
            labels = List.copyOf(labels);
        }

        /** The same head with {@code metrics} in place of its current ones. */
        public Head withMetrics(JsonNode newMetrics) {
            return new Head(name, version, file, sha256, labels, positiveLabel, features, trainer, trainingData,
                    newMetrics, routing, demand);
        }
    }
}
