package dev.llmgateway.router.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads typed values from a YAML tree by dotted kebab-case path. An environment variable
 * {@code LLMGW_} + the path in upper case with dots and dashes turned into underscores overrides the
 * file (lists: comma-separated). Problems are collected, not thrown one by one, so a start-up error
 * names every bad key. Remembers which paths were read, so unknown keys can be reported.
 */
final class ConfigReader {

    static final String ENV_PREFIX = "LLMGW_";
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|KiB|MB|MiB|GB|GiB)?");

    private final JsonNode root;
    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();
    /** Leaf keys that were read. */
    private final Set<String> known = new LinkedHashSet<>();
    /** Keys whose children are free-form (header maps, aliases) or checked elsewhere (lists of maps). */
    private final Set<String> freeForm = new LinkedHashSet<>();
    /** Maps of named entries (providers): walked into, each entry checked on its own. */
    private final Set<String> containers = new LinkedHashSet<>();

    ConfigReader(JsonNode root, Map<String, String> env) {
        this.root = root;
        this.env = env;
    }

    static String envName(String path) {
        return ENV_PREFIX + path.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    List<String> problems() {
        return problems;
    }

    /** Marks a subtree as dealt with (already reported, or deliberately not read). */
    void ignore(String path) {
        freeForm.add(path);
    }

    void problem(String path, String why) {
        problems.add(path + ": " + why);
    }

    /** The raw text of a scalar: environment first, then the file. */
    Optional<String> raw(String path) {
        known.add(path);
        String fromEnv = env.get(envName(path));
        if (fromEnv != null) {
            return Optional.of(fromEnv.trim());
        }
        JsonNode node = node(path);
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (node.isContainerNode()) {
            problem(path, "must be a single value, not a " + (node.isArray() ? "list" : "map"));
            return Optional.empty();
        }
        return Optional.of(node.asText().trim());
    }

    String string(String path, String fallback) {
        return raw(path).orElse(fallback);
    }

    Optional<String> optionalString(String path) {
        return raw(path).filter(s -> !s.isEmpty());
    }

    boolean bool(String path, boolean fallback) {
        Optional<String> text = raw(path);
        if (text.isEmpty()) {
            return fallback;
        }
        return switch (text.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> {
                problem(path, "must be true or false, got '" + text.get() + "'");
                yield fallback;
            }
        };
    }

    int integer(String path, int fallback, int min, int max) {
        Optional<String> text = raw(path);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value < min || value > max) {
                problem(path, "must be from " + min + " to " + max + ", got " + value);
                return fallback;
            }
            return value;
        } catch (NumberFormatException e) {
            problem(path, "must be a whole number, got '" + text.get() + "'");
            return fallback;
        }
    }

    double number(String path, double fallback, double min, double max) {
        Optional<String> text = raw(path);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(text.get());
            if (value < min || value > max) {
                problem(path, "must be from " + min + " to " + max + ", got " + text.get());
                return fallback;
            }
            return value;
        } catch (NumberFormatException e) {
            problem(path, "must be a number, got '" + text.get() + "'");
            return fallback;
        }
    }

    Duration duration(String path, Duration fallback) {
        Optional<String> text = raw(path);
        if (text.isEmpty()) {
            return fallback;
        }
        Matcher m = DURATION.matcher(text.get());
        if (!m.matches()) {
            problem(path, "must be a duration such as 500ms, 30s, 2m, 1h or 7d, got '" + text.get() + "'");
            return fallback;
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.isZero()) {
            problem(path, "must be longer than zero");
            return fallback;
        }
        return d;
    }

    long size(String path, long fallback) {
        Optional<String> text = raw(path);
        if (text.isEmpty()) {
            return fallback;
        }
        Matcher m = SIZE.matcher(text.get());
        if (!m.matches()) {
            problem(path, "must be a size such as 1048576, 512KiB or 10MiB, got '" + text.get() + "'");
            return fallback;
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        long bytes = switch (unit) {
            case "KB" -> n * 1000;
            case "KiB" -> n * 1024;
            case "MB" -> n * 1000_000;
            case "MiB" -> n * 1024 * 1024;
            case "GB" -> n * 1000_000_000;
            case "GiB" -> n * 1024L * 1024 * 1024;
            default -> n;
        };
        if (bytes <= 0) {
            problem(path, "must be larger than zero");
            return fallback;
        }
        return bytes;
    }

    Optional<URI> uri(String path) {
        Optional<String> text = raw(path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(text.get());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                problem(path, "must be an http:// or https:// URL with a host, got '" + text.get() + "'");
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (IllegalArgumentException e) {
            problem(path, "is not a valid URL: '" + text.get() + "'");
            return Optional.empty();
        }
    }

    <E extends Enum<E>> E choice(String path, Class<E> type, E fallback) {
        Optional<String> text = raw(path);
        if (text.isEmpty()) {
            return fallback;
        }
        String wanted = text.get().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(wanted)) {
                return value;
            }
        }
        List<String> names = new ArrayList<>();
        for (E value : type.getEnumConstants()) {
            names.add(value.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        problem(path, "must be one of " + names + ", got '" + text.get() + "'");
        return fallback;
    }

    /** A list of strings: a YAML list, or comma-separated text in the environment or the file. */
    List<String> strings(String path, List<String> fallback) {
        known.add(path);
        String fromEnv = env.get(envName(path));
        if (fromEnv != null) {
            return split(fromEnv);
        }
        JsonNode node = node(path);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (node.isArray()) {
            List<String> out = new ArrayList<>();
            for (JsonNode item : node) {
                if (item.isContainerNode()) {
                    problem(path, "must be a list of plain values");
                    return fallback;
                }
                out.add(item.asText().trim());
            }
            return out;
        }
        if (node.isContainerNode()) {
            problem(path, "must be a list");
            return fallback;
        }
        return split(node.asText());
    }

    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    /** A map of string values under {@code path}, plus entries given as {@code LLMGW_<PATH>_<NAME>}. */
    Map<String, String> stringMap(String path) {
        freeForm.add(path);
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode node = node(path);
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isContainerNode()) {
                    problem(path + "." + e.getKey(), "must be a single value");
                } else {
                    out.put(e.getKey(), e.getValue().asText().trim());
                }
            }
        } else if (!node.isMissingNode() && !node.isNull()) {
            problem(path, "must be a map of names to values");
        }
        String prefix = envName(path) + "_";
        env.forEach((name, value) -> {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                out.put(name.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '-'), value.trim());
            }
        });
        return out;
    }

    /**
     * Names of the entries of the map at {@code path}: those in the file, then those only given
     * through the environment as {@code LLMGW_<PATH>_<NAME>_<FIELD>} for one of {@code fields}.
     */
    List<String> mapNames(String path, List<String> fields) {
        containers.add(path);
        Set<String> names = new LinkedHashSet<>();
        JsonNode node = node(path);
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(names::add);
        } else if (!node.isMissingNode() && !node.isNull()) {
            problem(path, "must be a map of names to settings");
        }
        String prefix = envName(path) + "_";
        for (String var : env.keySet()) {
            if (!var.startsWith(prefix)) {
                continue;
            }
            String rest = var.substring(prefix.length());
            if (rest.contains("_HEADERS_")) {
                continue; // an entry of a provider's header map, not a provider field
            }
            for (String field : fields) {
                String suffix = "_" + field.toUpperCase(Locale.ROOT).replace('-', '_');
                if (rest.endsWith(suffix) && rest.length() > suffix.length()) {
                    String name = rest.substring(0, rest.length() - suffix.length())
                            .toLowerCase(Locale.ROOT).replace('_', '-');
                    boolean inFile = names.stream().anyMatch(n -> envName(n).equals(envName(name)));
                    if (!inFile) {
                        names.add(name);
                    }
                }
            }
        }
        return new ArrayList<>(names);
    }

    /** A map of names to lists of strings under {@code path} (file only; names may hold dots and slashes). */
    Map<String, List<String>> listMap(String path) {
        freeForm.add(path);
        Map<String, List<String>> out = new LinkedHashMap<>();
        JsonNode node = node(path);
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                List<String> values = new ArrayList<>();
                JsonNode v = e.getValue();
                if (v.isArray()) {
                    v.forEach(item -> values.add(item.asText().trim()));
                } else if (!v.isContainerNode() && !v.isNull()) {
                    values.addAll(split(v.asText()));
                } else {
                    problem(path + "." + e.getKey(), "must be a list of models");
                }
                out.put(e.getKey(), values);
            });
        } else if (!node.isMissingNode() && !node.isNull()) {
            problem(path, "must be a map of models to lists of fallback models");
        }
        return out;
    }

    /** The list of maps at {@code path} (file only). */
    List<JsonNode> objects(String path) {
        freeForm.add(path);
        JsonNode node = node(path);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problem(path, "must be a list");
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode item : node) {
            out.add(item);
        }
        return out;
    }

    /** Reports every key in the file that no read asked for (a typo, or a key from a newer version). */
    void reportUnknownKeys() {
        problems.addAll(UnknownKeys.find(root, known, freeForm, containers));
    }

    private JsonNode node(String path) {
        JsonNode node = root == null ? MissingNode.getInstance() : root;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }
}
