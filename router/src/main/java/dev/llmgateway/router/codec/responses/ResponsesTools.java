package dev.llmgateway.router.codec.responses;

import static dev.llmgateway.router.codec.Fields.absent;
import static dev.llmgateway.router.codec.Fields.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.core.chat.ToolChoice;
import dev.llmgateway.core.chat.ToolDefinition;
import dev.llmgateway.core.error.InvalidRequestException;
import dev.llmgateway.router.codec.Fields;
import dev.llmgateway.router.codec.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Responses API's {@code tools} and {@code tool_choice}. Function tools map one to one; a
 * {@code namespace} tool is flattened into one function per member named {@code <namespace>__<name>}
 * (no upstream has namespaces, and that name fits every upstream's name pattern), and
 * {@link #split} turns such a name back into namespace and name for the answer. A {@code custom}
 * (freeform) tool, such as the {@code apply_patch} Codex offers models of its catalog, becomes a
 * function with one string parameter {@value #CUSTOM_INPUT} (its grammar goes into the description,
 * since no other upstream constrains output by grammar); its calls are answered as
 * {@code custom_tool_call} items again. The hosted {@code web_search} tool and Codex's
 * {@code tool_search} (discovery of deferred tools) are dropped (the model simply cannot search,
 * which Codex copes with); every other hosted tool needs OpenAI's servers to run it and is a 400.
 */
final class ResponsesTools {

    /** Joins a namespace and a member tool's name into one upstream function name. */
    static final String NAMESPACE_SEPARATOR = "__";

    /** The one parameter of the function a custom tool becomes: the freeform input as a string. */
    static final String CUSTOM_INPUT = "input";

    /**
     * Search tools: offered to the model, never required, so leaving them out keeps the meaning.
     * {@code tool_search} is Codex's search over tools it defers (MCP and app tools): without it
     * Codex has nothing deferred to find, and the tools it offers directly stay usable.
     */
    private static final Set<String> DROPPED = Set.of("web_search", "web_search_preview",
            "web_search_2025_08_26", "web_search_preview_2025_03_11", "tool_search");

    private ResponsesTools() {
    }

    /** The decoded tools plus the namespace of every flattened name and the names of custom tools. */
    record Decoded(List<ToolDefinition> tools, Map<String, Namespaced> namespaced, Set<String> custom) {
    }

    /** A member of a namespace tool: what the client calls it. */
    record Namespaced(String namespace, String name) {
    }

    /**
     * The tools of a request body: its {@code tools} list plus the {@code tools} of every
     * {@code additional_tools} input item (where Codex declares them for the models it drives in
     * its "responses lite" mode, e.g. gpt-6-*: namespaces only, no top-level {@code tools}).
     */
    static Decoded decode(JsonNode body) {
        List<ToolDefinition> out = new ArrayList<>();
        Map<String, Namespaced> namespaced = new HashMap<>();
        Set<String> custom = new HashSet<>();
        decodeList(body.get("tools"), "tools", out, namespaced, custom);
        JsonNode input = body.get("input");
        if (input != null && input.isArray()) {
            for (int k = 0; k < input.size(); k++) {
                JsonNode item = input.get(k);
                if ("additional_tools".equals(item.path("type").asText())) {
                    String p = "input[" + k + "].tools";
                    if (absent(item.get("tools"))) {
                        throw invalid(p, "is required in an 'additional_tools' item");
                    }
                    decodeList(item.get("tools"), p, out, namespaced, custom);
                }
            }
        }
        Set<String> names = new HashSet<>();
        for (ToolDefinition t : out) {
            if (!names.add(t.name())) {
                throw invalid("tools", "two tools are named '" + t.name() + "'");
            }
        }
        return new Decoded(out, namespaced, custom);
    }

    private static void decodeList(JsonNode node, String path, List<ToolDefinition> out,
                                   Map<String, Namespaced> namespaced, Set<String> custom) {
        if (absent(node)) {
            return;
        }
        if (!node.isArray()) {
            throw invalid(path, "must be a list");
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode tool = node.get(i);
            String p = path + "[" + i + "]";
            if (!tool.isObject()) {
                throw invalid(p, "must be an object");
            }
            String type = Fields.requiredString(tool, "type", p + ".type");
            switch (type) {
                case "function" -> out.add(function(tool, p, Optional.empty()));
                case "namespace" -> namespace(tool, p, out, namespaced, custom);
                case "custom" -> {
                    ToolDefinition fn = custom(tool, p, Optional.empty());
                    custom.add(fn.name());
                    out.add(fn);
                }
                default -> {
                    if (!DROPPED.contains(type)) {
                        throw hosted(p + ".type", type);
                    }
                }
            }
        }
    }

    /** The namespaces declared in a request body, by flattened name; for encoding the answer. */
    static Map<String, Namespaced> namespaces(JsonNode body) {
        try {
            return decode(body).namespaced();
        } catch (InvalidRequestException e) {
            return Map.of(); // the body was validated when it was decoded; nothing to add here
        }
    }

    /** The names of the custom tools declared in a request body; for encoding the answer. */
    static Set<String> customTools(JsonNode body) {
        try {
            return decode(body).custom();
        } catch (InvalidRequestException e) {
            return Set.of();
        }
    }

    /**
     * A custom tool as a function taking its freeform input as one string. A {@code grammar} format
     * ({@code lark} or {@code regex}) is written into the description so the model knows the shape;
     * a {@code text} format (or none) needs nothing.
     */
    private static ToolDefinition custom(JsonNode tool, String p, Optional<String> namespace) {
        String name = namespace.map(ns -> ns + NAMESPACE_SEPARATOR).orElse("")
                + Fields.requiredString(tool, "name", p + ".name");
        if (!name.matches("[a-zA-Z0-9_-]{1,64}")) {
            throw invalid(p + ".name", "must be 1-64 letters, digits, underscores or dashes"
                    + (namespace.isPresent() ? " together with its namespace ('" + name + "')" : ""));
        }
        StringBuilder description = new StringBuilder(Fields.string(tool, "description", p + ".description").orElse(""));
        JsonNode format = tool.get("format");
        if (!absent(format)) {
            if (!format.isObject()) {
                throw invalid(p + ".format", "must be an object");
            }
            String type = Fields.string(format, "type", p + ".format.type").orElse("text");
            if (type.equals("grammar")) {
                String syntax = Fields.string(format, "syntax", p + ".format.syntax").orElse("lark");
                String definition = Fields.requiredString(format, "definition", p + ".format.definition");
                description.append(description.isEmpty() ? "" : "\n\n").append("Put the raw input in the `")
                        .append(CUSTOM_INPUT).append("` string. It must match this ").append(syntax)
                        .append(" grammar:\n").append(definition);
            } else if (!type.equals("text")) {
                throw invalid(p + ".format.type", "must be 'text' or 'grammar', got '" + type + "'");
            }
        }
        com.fasterxml.jackson.databind.node.ObjectNode params = Json.object().put("type", "object");
        params.putObject("properties").putObject(CUSTOM_INPUT).put("type", "string")
                .put("description", "The tool's input as raw text (not JSON).");
        params.putArray("required").add(CUSTOM_INPUT);
        params.put("additionalProperties", false);
        return new ToolDefinition(name, description.isEmpty() ? Optional.empty() : Optional.of(description.toString()),
                params, Optional.empty());
    }

    /** A custom tool's call arguments as its freeform input: the {@value #CUSTOM_INPUT} string, else the arguments as they came. */
    static String customInput(String arguments) {
        try {
            JsonNode args = Json.MAPPER.readTree(arguments);
            if (args != null && args.path(CUSTOM_INPUT).isTextual()) {
                return args.get(CUSTOM_INPUT).textValue();
            }
        } catch (java.io.IOException e) {
            // a call cut short: pass on what there is
        }
        return arguments;
    }

    /** A flattened name back as the client declared it, when it names a namespace member. */
    static Optional<Namespaced> split(String name, Map<String, Namespaced> namespaced) {
        return Optional.ofNullable(namespaced.get(name));
    }

    private static void namespace(JsonNode tool, String p, List<ToolDefinition> out, Map<String, Namespaced> map,
                                  Set<String> custom) {
        String ns = Fields.requiredString(tool, "name", p + ".name");
        JsonNode members = tool.get("tools");
        if (absent(members) || !members.isArray() || members.isEmpty()) {
            throw invalid(p + ".tools", "must be a non-empty list of function or custom tools");
        }
        Optional<String> nsDescription = Fields.string(tool, "description", p + ".description");
        for (int j = 0; j < members.size(); j++) {
            JsonNode member = members.get(j);
            String mp = p + ".tools[" + j + "]";
            if (!member.isObject()) {
                throw invalid(mp, "must be an object");
            }
            String type = Fields.string(member, "type", mp + ".type").orElse("function");
            if (!type.equals("function") && !type.equals("custom")) {
                throw hosted(mp + ".type", type);
            }
            ToolDefinition fn = type.equals("custom") ? custom(member, mp, Optional.of(ns))
                    : function(member, mp, Optional.of(ns));
            if (type.equals("custom")) {
                custom.add(fn.name());
            }
            String name = Fields.requiredString(member, "name", mp + ".name");
            map.put(fn.name(), new Namespaced(ns, name));
            Optional<String> description = nsDescription.isEmpty() ? fn.description()
                    : Optional.of(nsDescription.get() + fn.description().map(d -> "\n\n" + d).orElse(""));
            out.add(new ToolDefinition(fn.name(), description, fn.parameters(), fn.strict()));
        }
    }

    /** A function tool; in the Responses API its fields sit at the top level, not under "function". */
    private static ToolDefinition function(JsonNode tool, String p, Optional<String> namespace) {
        String name = Fields.requiredString(tool, "name", p + ".name");
        String flat = namespace.map(ns -> ns + NAMESPACE_SEPARATOR + name).orElse(name);
        if (!flat.matches("[a-zA-Z0-9_-]{1,64}")) {
            throw invalid(p + ".name", "must be 1-64 letters, digits, underscores or dashes"
                    + (namespace.isPresent() ? " together with its namespace ('" + flat + "')" : ""));
        }
        JsonNode params = tool.get("parameters");
        if (!absent(params) && !params.isObject()) {
            throw invalid(p + ".parameters", "must be a JSON Schema object");
        }
        Optional<Boolean> strict = absent(tool.get("strict")) ? Optional.empty()
                : Optional.of(Fields.bool(tool, "strict", p + ".strict", false));
        return new ToolDefinition(flat, Fields.string(tool, "description", p + ".description"),
                absent(params) ? Json.object().put("type", "object") : params, strict);
    }

    static Optional<ToolChoice> choice(JsonNode node, Decoded tools) {
        if (absent(node)) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return Optional.of(switch (node.textValue()) {
                case "auto" -> new ToolChoice.Auto();
                case "none" -> new ToolChoice.None();
                case "required" -> new ToolChoice.Required();
                default -> throw invalid("tool_choice", "must be auto, none, required or an object");
            });
        }
        if (!node.isObject()) {
            throw invalid("tool_choice", "must be auto, none, required or an object");
        }
        String type = Fields.requiredString(node, "type", "tool_choice.type");
        return Optional.of(switch (type) {
            case "function" -> {
                String name = Fields.requiredString(node, "name", "tool_choice.name");
                String flat = Fields.string(node, "namespace", "tool_choice.namespace")
                        .map(ns -> ns + NAMESPACE_SEPARATOR + name).orElse(name);
                if (tools.tools().stream().noneMatch(t -> t.name().equals(flat))) {
                    throw invalid("tool_choice.name", "names no function in 'tools': '" + name + "'");
                }
                yield new ToolChoice.Named(flat);
            }
            case "custom" -> {
                String name = Fields.requiredString(node, "name", "tool_choice.name");
                String flat = Fields.string(node, "namespace", "tool_choice.namespace")
                        .map(ns -> ns + NAMESPACE_SEPARATOR + name).orElse(name);
                if (!tools.custom().contains(flat)) {
                    throw invalid("tool_choice.name", "names no custom tool in 'tools': '" + name + "'");
                }
                yield new ToolChoice.Named(flat);
            }
            case "allowed_tools" -> throw new InvalidRequestException("tool_choice of type 'allowed_tools' is "
                    + "not supported by this gateway; send only the allowed tools in 'tools' instead.",
                    "tool_choice", "unsupported_parameter");
            default -> throw new InvalidRequestException("tool_choice forces the tool type '" + type
                    + "', which runs on OpenAI's servers; this gateway can only force 'function' tools.",
                    "tool_choice.type", "unsupported_tool");
        });
    }

    private static InvalidRequestException hosted(String param, String type) {
        return new InvalidRequestException("Tools of type '" + type + "' are not supported by this gateway: "
                + "they run on OpenAI's servers. Only 'function', 'namespace' and 'custom' tools can be served "
                + "('web_search' and 'tool_search' are accepted and left out).", param, "unsupported_tool");
    }
}
