package dev.llmgateway.models.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.models.runtime.ModelManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Writes EVAL.md and folds the headline numbers into the manifest. */
final class Report {

    private Report() {
    }

    static void writeMarkdown(Evaluation.Result r, ModelManifest manifest, Path file) {
        StringBuilder md = new StringBuilder();
        md.append("# Classifier evaluation\n\n")
                .append("Written by `models/train.sh eval` (or `train`); do not edit by hand. Models: manifest version ")
                .append(manifest.version()).append(", encoder ").append(manifest.encoder().name())
                .append(manifest.chinese().map(zh -> " (" + zh.name() + " for mostly-Chinese prompts)").orElse(""))
                .append(" truncated to ").append(manifest.encoder().maxTokens()).append(" tokens.\n\n")
                .append("All sets are the `dev` parts in `../shared/data`; numbers on the held-back parts will differ. ")
                .append("The intent sets and RouterBench are evaluation only: nothing here was trained on them. ")
                .append("The thresholds and features were chosen while looking at these numbers, so they are ")
                .append("optimistic for the intent sets.\n\n");
        intentSection(md, r);
        routingSection(md, r);
        try {
            Files.writeString(file, md.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void intentSection(StringBuilder md, Evaluation.Result r) {
        md.append("## Intent\n\n")
                .append("Macro-F1 is averaged over the classes present in each set (target ≥ 0.80).\n\n")
                .append("| set | rows | accuracy | macro-F1 |\n|---|---:|---:|---:|\n");
        md.append(String.format("| English, WizardLM test set | %d | %.3f | %.3f |%n", r.english().n(),
                r.english().accuracy(), r.english().macroF1()));
        md.append(String.format("| Chinese, BELLE eval set | %d | %.3f | %.3f |%n", r.chinese().n(),
                r.chinese().accuracy(), r.chinese().macroF1()));
        IntentScores remapped = r.chineseTranslationAsTranslation();
        md.append(String.format("| Chinese, BELLE, translation requests as `translation` * | %d | %.3f | %.3f |%n%n",
                remapped.n(), remapped.accuracy(), remapped.macroF1()));
        md.append("\\* BELLE has no translation class and files translation requests under `rewrite` (")
                .append(remapped.perClass().get("translation") == null ? 0 : remapped.perClass().get("translation").support())
                .append(" of its ").append(r.chinese().perClass().get("rewrite").support())
                .append(" rewrite rows match `").append(Evaluation.TRANSLATION_REQUEST.pattern())
                .append("`). The gateway keeps translation separate because it routes differently, so this row ")
                .append("relabels those rows `translation`. It is reported next to the official mapping, ")
                .append("not instead of it; the target is judged on the official row.\n\n");
        TreeSet<String> classes = new TreeSet<>(r.english().perClass().keySet());
        classes.addAll(r.chinese().perClass().keySet());
        md.append("| class | en support | en P | en R | en F1 | zh support | zh P | zh R | zh F1 |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String c : classes) {
            md.append("| ").append(c).append(cells(r.english().perClass().get(c)))
                    .append(cells(r.chinese().perClass().get(c))).append(" |\n");
        }
        md.append('\n');
        confusion(md, "English (WizardLM)", r.english());
        confusion(md, "Chinese (BELLE)", r.chinese());
    }

    /** Rows are gold labels, columns predictions; only predicted columns that occur are shown. */
    private static void confusion(StringBuilder md, String title, IntentScores s) {
        TreeSet<String> predicted = new TreeSet<>();
        s.confusion().values().forEach(row -> predicted.addAll(row.keySet()));
        md.append("Confusion, ").append(title).append(" (rows gold, columns predicted):\n\n| gold \\ predicted |");
        predicted.forEach(p -> md.append(' ').append(abbreviation(p)).append(" |"));
        md.append("\n|---|").append("---:|".repeat(predicted.size())).append('\n');
        for (Map.Entry<String, Map<String, Integer>> row : s.confusion().entrySet()) {
            md.append("| ").append(row.getKey()).append(" |");
            for (String p : predicted) {
                int v = row.getValue().getOrDefault(p, 0);
                md.append(' ').append(v == 0 ? "·" : Integer.toString(v)).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static String abbreviation(String label) {
        return switch (label) {
            case "information_extraction" -> "extract";
            case "creative_writing" -> "creative";
            case "classification" -> "classify";
            case "summarization" -> "summary";
            case "brainstorming" -> "brainstorm";
            default -> label;
        };
    }

    private static String cells(IntentScores.ClassScore s) {
        if (s == null) {
            return " | – | – | – | –";
        }
        return String.format(" | %d | %.2f | %.2f | %.2f", s.support(), s.precision(), s.recall(), s.f1());
    }

    private static void routingSection(StringBuilder md, Evaluation.Result r) {
        md.append("## Routing (complexity head)\n\n")
                .append("The head predicts the joint outcome of the strong model (gpt-4-1106-preview) and the weak ")
                .append("model (Mixtral-8x7B) on a prompt: both right, only the strong one right, only the weak one ")
                .append("right, both wrong. Its **gain** is the expected gain of a strong call, P(only strong right) − ")
                .append("P(only weak right) + ").append(String.format("%.2f", r.scale().partialCredit()))
                .append(" × P(both wrong); `complexity` is P(weak wrong) from the same head. ");
        if (r.scale().demandWeight() > 0) {
            md.append(String.format("Routing ranks prompts by **difficulty** = %.2f × the gain's percentile among the MMLU "
                    + "training prompts + %.2f × the task head's **demand** percentile (the level of model a prompt "
                    + "needs, learnt from the project's own prompts with judged levels; see models/README.md). ",
                    1 - r.scale().demandWeight(), r.scale().demandWeight()));
        } else {
            md.append("Routing ranks prompts by **difficulty**, the gain's percentile among the training prompts. ");
        }
        md
                .append("Prompts go to the strong model in order of falling difficulty. ")
                .append("PGR = share of the strong–weak quality gap recovered; ")
                .append("APGR = area under PGR over the strong-call share (random = 0.50, target ≥ 0.60); ")
                .append("CPT(x) = share of strong calls needed for PGR ≥ x (lower is better). ")
                .append("Random = mean of ").append(Evaluation.RANDOM_DRAWS).append(" random routers. ")
                .append("The head was trained on the other ").append(r.mmluTrainSize())
                .append(" MMLU prompts.\n\n")
                .append("| set | rows | weak q | strong q | APGR | random APGR | CPT(50%) | CPT(80%) | CPT(95%) ")
                .append("| random CPT(50/80/95%) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Map.Entry<String, Evaluation.RoutingPair> e : r.routing().entrySet()) {
            RoutingCurve c = e.getValue().router();
            RoutingCurve rnd = e.getValue().random();
            md.append(String.format("| %s | %d | %.3f | %.3f | **%.3f** | %.3f | %.1f%% | %.1f%% | %.1f%% | %.0f / %.0f / %.0f%% |%n",
                    e.getKey(), c.n(), c.weakQuality(), c.strongQuality(), c.apgr(), rnd.apgr(),
                    100 * c.cpt50(), 100 * c.cpt80(), 100 * c.cpt95(),
                    100 * rnd.cpt50(), 100 * rnd.cpt80(), 100 * rnd.cpt95()));
        }
        md.append("\n**Cost saving at ").append(Math.round(100 * Evaluation.SAVING_AT))
                .append("% of the strong model's quality** (RouteLLM's headline measure: 45% on MMLU, 35% on GSM8K; ")
                .append("there is no GSM8K set here). Prompts go to the strong model in order of falling difficulty ")
                .append("until the mix reaches that quality; the saving is against sending every prompt to the ")
                .append("strong model. MMLU calls are priced with the RouteLLM paper's blended prices ")
                .append("(routellm_model_costs.json, $24.7 and $0.24 per million tokens, equal tokens per call); ")
                .append("RouterBench rows with their own `cost_usd` of each model.\n\n")
                .append("| set | quality goal | router: strong calls | router: saving | random: strong calls | random: saving |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Evaluation.RoutingPair> e : r.routing().entrySet()) {
            CostAtQuality c = e.getValue().saving();
            CostAtQuality rnd = e.getValue().randomSaving();
            md.append(String.format("| %s | %.3f | %.1f%% | **%.1f%%** | %.1f%% | %.1f%% |%n", e.getKey(),
                    Evaluation.SAVING_AT * e.getValue().router().strongQuality(), 100 * c.strongShare(),
                    100 * c.saving(), 100 * rnd.strongShare(), 100 * rnd.saving()));
        }
        md.append("\nRanked by `complexity` (P(weak wrong)) instead of difficulty, for comparison:\n\n")
                .append("| set | APGR | CPT(50%) | CPT(80%) |\n|---|---:|---:|---:|\n");
        for (Map.Entry<String, Evaluation.RoutingPair> e : r.routing().entrySet()) {
            RoutingCurve c = e.getValue().byComplexity();
            md.append(String.format("| %s | %.3f | %.1f%% | %.1f%% |%n", e.getKey(), c.apgr(), 100 * c.cpt50(),
                    100 * c.cpt80()));
        }
        Evaluation.ChatTransfer t = r.chatTransfer();
        md.append(String.format("%n**Does it carry over to chat prompts?** On the %d WizardLM test prompts (evaluation "
                + "only), Spearman's correlation with WizardLM's human difficulty rating (1–10), where 0 means no "
                + "relation: difficulty %.2f, the complexity head's gain %.2f, complexity %.2f", t.n(),
                t.difficultyRho(), t.gainRho(), t.complexityRho()));
        if (!Double.isNaN(t.demandRho())) {
            md.append(String.format(", the task head's demand %.2f", t.demandRho()));
        }
        md.append(String.format(". For comparison, the prompt's length in characters alone scores %.2f. ", t.lengthRho()))
                .append("The complexity head learnt from MMLU's multiple-choice questions, where what a weak model gets ")
                .append("wrong is a gap in subject knowledge; WizardLM rates open expert questions (law, ethics, ")
                .append("counterfactuals) hardest and its maths and code tasks about average, which is not what the ")
                .append("task head's training levels say either. None of these scores is a good difficulty measure for ")
                .append("chat prompts yet.\n");
        md.append("\nCalibration of the complexity score as P(weak model wrong): base rate, mean score, Brier score ")
                .append("(a constant at the base rate scores rate × (1 − rate)) and expected calibration error over ")
                .append(Calibration.BINS).append(" bins. RouterBench's weak model is Mixtral-8x7B chat, not the ")
                .append("instruct model the head was trained on, so its rates differ.\n\n")
                .append("| set | rows | weak wrong | mean score | Brier | constant Brier | ECE |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Evaluation.RoutingPair> e : r.routing().entrySet()) {
            Calibration c = e.getValue().calibration();
            md.append(String.format("| %s | %d | %.3f | %.3f | %.4f | %.4f | %.3f |%n", e.getKey(), c.n(), c.baseRate(),
                    c.meanScore(), c.brier(), c.baseRate() * (1 - c.baseRate()), c.ece()));
        }
        md.append("\nQuality against the share of strong-model calls (router / random):\n\n")
                .append("| set | 10% | 20% | 30% | 50% | 70% | 90% |\n|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, Evaluation.RoutingPair> e : r.routing().entrySet()) {
            List<String> cells = new ArrayList<>();
            for (double share : new double[] {0.1, 0.2, 0.3, 0.5, 0.7, 0.9}) {
                cells.add(String.format("%.3f / %.3f", e.getValue().router().qualityAt(share),
                        e.getValue().random().qualityAt(share)));
            }
            md.append("| ").append(e.getKey()).append(" | ").append(String.join(" | ", cells)).append(" |\n");
        }
        md.append('\n');
    }

    /** The manifest with each head's metrics filled in. */
    static ModelManifest withMetrics(ModelManifest manifest, Evaluation.Result r) {
        ObjectNode intent = Jsonl.JSON.createObjectNode();
        intent.put("en_wizardlm_dev_macro_f1", round(r.english().macroF1()));
        intent.put("en_wizardlm_dev_accuracy", round(r.english().accuracy()));
        intent.put("zh_belle_dev_macro_f1", round(r.chinese().macroF1()));
        intent.put("zh_belle_dev_accuracy", round(r.chinese().accuracy()));
        ObjectNode complexity = Jsonl.JSON.createObjectNode();
        for (Map.Entry<String, Evaluation.RoutingPair> e : r.routing().entrySet()) {
            ObjectNode m = complexity.putObject(e.getKey());
            RoutingCurve c = e.getValue().router();
            m.put("apgr", round(c.apgr()));
            m.put("random_apgr", round(e.getValue().random().apgr()));
            m.put("cpt50", round(c.cpt50()));
            m.put("cpt80", round(c.cpt80()));
            m.put("cpt95", round(c.cpt95()));
            m.put("saving_at_95pct_quality", round(e.getValue().saving().saving()));
            m.put("random_saving_at_95pct_quality", round(e.getValue().randomSaving().saving()));
            m.put("brier", round(e.getValue().calibration().brier()));
            m.put("ece", round(e.getValue().calibration().ece()));
        }
        complexity.put("wizardlm_spearman_difficulty", round(r.chatTransfer().difficultyRho()));
        complexity.put("wizardlm_spearman_complexity", round(r.chatTransfer().complexityRho()));
        ObjectNode task = Jsonl.JSON.createObjectNode();
        if (!Double.isNaN(r.chatTransfer().demandRho())) {
            task.put("wizardlm_spearman_demand", round(r.chatTransfer().demandRho()));
        }
        List<ModelManifest.Head> heads = manifest.heads().stream()
                .map(h -> h.withMetrics(switch (h.name()) {
                    case "intent" -> intent;
                    case "complexity" -> complexity;
                    default -> task;
                })).toList();
        return new ModelManifest(manifest.version(), manifest.encoder(), manifest.chineseEncoder(), heads);
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
