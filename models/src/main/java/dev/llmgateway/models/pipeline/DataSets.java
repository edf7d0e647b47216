package dev.llmgateway.models.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Where every data set comes from and how it is split. The shared sets are read from
 * {@code ../shared/data} at run time; the intent and RouterBench sets there are evaluation only.
 */
final class DataSets {

    static final String STRONG = "gpt-4-1106-preview";
    static final String WEAK_MMLU = "mixtral-8x7b-instruct-v0.1";
    static final String WEAK_ROUTERBENCH = "mistralai/mixtral-8x7b-chat";
    static final String WEAK_FAILS = "weak_fails";
    static final String WEAK_OK = "weak_ok";
    static final double HOLD_OUT = 0.2;
    static final long SPLIT_SEED = 42L;

    private final Path moduleDir;
    private final Path dataDir;

    DataSets(Path moduleDir, Path dataDir) {
        this.moduleDir = moduleDir;
        this.dataDir = dataDir;
    }

    Path dataDir() {
        return dataDir;
    }

    boolean sharedDataPresent() {
        return Files.isDirectory(dataDir.resolve("intent")) && Files.isDirectory(dataDir.resolve("routing"));
    }

    /** The project's own English and Chinese prompts (models/training/intent-train.jsonl). */
    List<Sample> intentTraining() {
        return Jsonl.read(moduleDir.resolve("training/intent-train.jsonl")).stream()
                .map(r -> new Sample(r.get("id").asText(), r.get("lang").asText(), r.get("text").asText(),
                        r.get("label").asText()))
                .toList();
    }

    /**
     * The project's own prompts labelled with the level of model they need
     * (models/training/difficulty-train.jsonl); empty when the file is absent.
     */
    List<Sample> difficultyTraining() {
        Path file = moduleDir.resolve("training/difficulty-train.jsonl");
        if (!Files.exists(file)) {
            return List.of();
        }
        return Jsonl.read(file).stream()
                .map(r -> new Sample(r.get("id").asText(), r.get("lang").asText(), r.get("text").asText(),
                        r.get("level").asText()))
                .toList();
    }

    /** Evaluation only: WizardLM test set (CC BY-NC) or BELLE eval set (research use). */
    List<Sample> intentEvaluation(String file) {
        return Jsonl.read(dataDir.resolve("intent").resolve(file)).stream()
                .map(r -> new Sample(r.get("id").asText(), r.get("lang").asText(), r.get("text").asText(),
                        r.get("gateway_label").asText()))
                .toList();
    }

    /** Evaluation only: WizardLM test prompts with their human difficulty rating (1–10). */
    List<WizardRow> wizardDifficulty() {
        return Jsonl.read(dataDir.resolve("intent/wizardlm_testset.dev.jsonl")).stream()
                .map(r -> new WizardRow(r.get("text").asText(), r.get("difficulty").asDouble()))
                .toList();
    }

    record WizardRow(String text, double difficulty) {
    }

    /** RouteLLM MMLU (Apache-2.0 / MIT), contaminated prompts dropped, shuffled with a fixed seed. */
    MmluSplit mmlu() {
        List<JsonNode> rows = new ArrayList<>(Jsonl.read(dataDir.resolve("routing/routellm_mmlu.dev.jsonl")).stream()
                .filter(r -> !r.path("contaminated").asBoolean(false))
                .sorted(Comparator.comparing(r -> r.get("id").asText()))
                .toList());
        java.util.Collections.shuffle(rows, new Random(SPLIT_SEED));
        int held = (int) Math.round(rows.size() * HOLD_OUT);
        double[] prices = mmluPrices();
        return new MmluSplit(routed(rows.subList(held, rows.size()), "prompt", WEAK_MMLU, prices),
                routed(rows.subList(0, held), "prompt", WEAK_MMLU, prices));
    }

    /**
     * Blended price per million tokens of the RouteLLM paper's two models (routellm_model_costs.json).
     * The MMLU rows carry no per-prompt cost, so a call is priced at the model's price (equal tokens).
     */
    private double[] mmluPrices() {
        JsonNode prices = Jsonl.readOne(dataDir.resolve("routing/routellm_model_costs.json")).get("usd_per_million_tokens");
        return new double[] {prices.get(STRONG).asDouble(), prices.get(WEAK_MMLU).asDouble()};
    }

    /** Evaluation only: RouterBench subset (no licence stated); {@code query} has the few-shot prefix removed. */
    List<RoutedPrompt> routerBench() {
        return routed(Jsonl.read(dataDir.resolve("routing/routerbench_subset.dev.jsonl")), "query", WEAK_ROUTERBENCH,
                new double[] {Double.NaN, Double.NaN});
    }

    /**
     * Rows with their per-call costs: the row's own {@code cost_usd} (RouterBench) or, where it has
     * none, {@code prices} (strong, weak).
     */
    private static List<RoutedPrompt> routed(List<JsonNode> rows, String textField, String weak, double[] prices) {
        return rows.stream().map(r -> new RoutedPrompt(r.get("id").asText(), r.get(textField).asText(),
                        r.path("benchmark").asText(""),
                        r.get("correct").get(STRONG).asDouble() > 0.5,
                        r.get("correct").get(weak).asDouble() > 0.5,
                        r.path("cost_usd").path(STRONG).asDouble(prices[0]),
                        r.path("cost_usd").path(weak).asDouble(prices[1])))
                .toList();
    }

    /** @param strongCost cost of the strong model's call (dollars or price units; only ratios matter) */
    record RoutedPrompt(String id, String text, String benchmark, boolean strongCorrect, boolean weakCorrect,
                        double strongCost, double weakCost) {
        Sample asSample() {
            return new Sample(id, "en", text, weakCorrect ? WEAK_OK : WEAK_FAILS);
        }

        /** Labelled with the joint outcome of both models, as the shipped complexity head is trained. */
        Sample asOutcomeSample() {
            return new Sample(id, "en", text, dev.llmgateway.models.runtime.RoutingScore.outcome(strongCorrect, weakCorrect));
        }
    }

    record MmluSplit(List<RoutedPrompt> train, List<RoutedPrompt> heldOut) {
    }
}
