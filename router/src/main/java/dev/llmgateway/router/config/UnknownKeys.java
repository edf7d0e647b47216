package dev.llmgateway.router.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the keys of a configuration file that no read asked for (a typo, or a key of a newer
 * version), each with the closest known key as a suggestion. Stateless.
 */
final class UnknownKeys {

    private UnknownKeys() {
    }

    /**
     * Problems for every unknown key under {@code root}: {@code known} leaf keys were read,
     * {@code freeForm} subtrees are checked elsewhere, {@code containers} are maps of named entries
     * walked into.
     */
    static List<String> find(JsonNode root, Set<String> known, Set<String> freeForm, Set<String> containers) {
        List<String> problems = new ArrayList<>();
        walk(root, "", known, freeForm, containers, problems);
        return problems;
    }

    private static void walk(JsonNode node, String path, Set<String> known, Set<String> freeForm,
                             Set<String> containers, List<String> problems) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            if (known.contains(child) || freeForm.contains(child)) {
                continue;
            }
            boolean prefixOfKnown = containers.contains(child)
                    || known.stream().anyMatch(k -> k.startsWith(child + "."))
                    || freeForm.stream().anyMatch(k -> k.startsWith(child + "."));
            if (prefixOfKnown) {
                walk(e.getValue(), child, known, freeForm, containers, problems);
            } else {
                problems.add(child + ": unknown key" + suggestion(child, known));
            }
        }
    }

    private static String suggestion(String path, Set<String> known) {
        String best = null;
        int bestDistance = 4;
        for (String k : known) {
            int d = distance(k, path);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
