package dev.llmgateway.router.accounttype;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.router.codec.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/** Encodings the OAuth types share: query strings, form bodies, JSON bodies, comma lists. */
final class Forms {

    private Forms() {
    }

    /** {@code base} with the parameters appended to its query, values percent-encoded (space = %20). */
    static URI withQuery(URI base, Map<String, String> params) {
        String b = base.toString();
        return URI.create(b + (b.contains("?") ? "&" : "?") + encode(params).replace("+", "%20"));
    }

    static TokenRequest form(Map<String, String> params) {
        return new TokenRequest(TokenRequest.FORM, encode(params));
    }

    static TokenRequest json(Map<String, String> fields) {
        ObjectNode o = Json.object();
        fields.forEach(o::put);
        return new TokenRequest(TokenRequest.JSON, Json.text(o));
    }

    private static String encode(Map<String, String> params) {
        StringJoiner out = new StringJoiner("&");
        params.forEach((k, v) -> out.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    /** A comma-separated header value with {@code value} added unless it is there already. */
    static String mergeList(java.util.Optional<String> current, String value) {
        java.util.LinkedHashSet<String> items = new java.util.LinkedHashSet<>();
        current.ifPresent(c -> {
            for (String item : c.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        });
        items.add(value);
        return String.join(",", items);
    }
}
