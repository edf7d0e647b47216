package dev.llmgateway.router.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.router.codec.Json;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The admin API's OpenAPI 3.1 document, built from the route table itself, so every served route is
 * in it and nothing that is not served is. Each operation lists its path parameters, the paging
 * parameters for list routes, the bearer security requirement (unless the route is open) and the
 * shared error responses.
 */
final class OpenApiDocument {

    private static final Pattern PARAM = Pattern.compile("\\{([^}/]+)}");

    private OpenApiDocument() {
    }

    static ObjectNode of(AdminRouteTable table, String version) {
        ObjectNode doc = Json.object().put("openapi", "3.1.0");
        doc.putObject("info").put("title", "LLM Gateway admin API").put("version", version)
                .put("description", "Operate the gateway: upstream accounts, organizations, teams, users, "
                        + "client API keys, limits and the audit log. Lists take ?limit= (1-200, default 50) "
                        + "and ?offset=; another organization's data answers 404.");
        doc.putArray("servers").addObject().put("url", AdminService.PATH);
        ObjectNode components = doc.putObject("components");
        components.putObject("securitySchemes").putObject("bearer").put("type", "http").put("scheme", "bearer")
                .put("description", "The gateway admin key, a session token from /auth/login, or an "
                        + "admin-permission client API key.");
        components.putObject("schemas").set("Error", errorSchema());
        components.putObject("responses").set("Error", Json.object().put("description", "An error")
                .set("content", jsonContent("#/components/schemas/Error")));
        ObjectNode paths = doc.putObject("paths");
        for (AdminRouteTable.Route route : table.routes()) {
            ObjectNode item = paths.has(route.path()) ? (ObjectNode) paths.get(route.path())
                    : paths.putObject(route.path());
            item.set(route.method().text().toLowerCase(Locale.ROOT), operation(route));
        }
        return doc;
    }

    private static ObjectNode operation(AdminRouteTable.Route route) {
        ObjectNode op = Json.object().put("summary", route.summary()).put("operationId", operationId(route));
        op.putArray("tags").add(route.tag());
        ArrayNode params = op.putArray("parameters");
        Matcher m = PARAM.matcher(route.path());
        while (m.find()) {
            params.addObject().put("name", m.group(1)).put("in", "path").put("required", true)
                    .putObject("schema").put("type", "string");
        }
        if (route.method().text().equals("GET") && !PARAM.matcher(lastSegment(route.path())).matches()
                && route.summary().toLowerCase(Locale.ROOT).startsWith("list")) {
            params.addObject().put("name", "limit").put("in", "query").putObject("schema").put("type", "integer")
                    .put("minimum", 1).put("maximum", 200).put("default", 50);
            params.addObject().put("name", "offset").put("in", "query").putObject("schema").put("type", "integer")
                    .put("minimum", 0).put("default", 0);
        }
        if (route.method().text().matches("POST|PUT|PATCH")) {
            op.putObject("requestBody").put("required", false).putObject("content").putObject("application/json")
                    .putObject("schema").put("type", "object");
        }
        ObjectNode responses = op.putObject("responses");
        responses.putObject("200").put("description", "Success (201 for creations, 204 when there is no body)")
                .putObject("content").putObject("application/json").putObject("schema").put("type", "object");
        for (String status : new String[] {"400", "401", "403", "404", "409", "429"}) {
            responses.putObject(status).put("$ref", "#/components/responses/Error");
        }
        if (route.open()) {
            op.putArray("security");
        } else {
            op.putArray("security").addObject().putArray("bearer");
        }
        return op;
    }

    private static String operationId(AdminRouteTable.Route route) {
        StringBuilder sb = new StringBuilder(route.method().text().toLowerCase(Locale.ROOT));
        for (String part : route.path().split("[/{}_.-]+")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.toString();
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static ObjectNode errorSchema() {
        ObjectNode schema = Json.object().put("type", "object");
        ObjectNode error = schema.putObject("properties").putObject("error").put("type", "object");
        ObjectNode props = error.putObject("properties");
        for (String f : new String[] {"message", "type", "code", "param"}) {
            props.putObject(f).put("type", "string");
        }
        error.putArray("required").add("message").add("type").add("code");
        schema.putArray("required").add("error");
        return schema;
    }

    private static ObjectNode jsonContent(String ref) {
        ObjectNode content = Json.object();
        content.putObject("application/json").putObject("schema").put("$ref", ref);
        return content;
    }
}
