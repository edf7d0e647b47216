package dev.llmgateway.models.runtime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * {@code manifest.json} beside the model files: what each file is, its checksum, labels, how it was
 * trained and how well it did. Written by the training pipeline, read and verified at load time.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelManifest(String version, Encoder encoder, List<Head> heads) {

    public static final String RESOURCE_DIR = "dev/llmgateway/models/";
    public static final String RESOURCE = RESOURCE_DIR + "manifest.json";

    public ModelManifest {
        heads = List.copyOf(heads);
    }

    public Optional<Head> head(String name) {
        return heads.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /** The sentence encoder every head reads from. */
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
