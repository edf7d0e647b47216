package dev.llmgateway.router.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.tenancy.Page;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/** The shapes every admin list and object share. */
public final class AdminJson {

    private AdminJson() {
    }

    /**
     * {@code {"data":[…], "page":{"offset","limit","total","has_more","next_offset"}}};
     * {@code next_offset} is null on the last page.
     */
    public static <T> ObjectNode page(Page<T> page, Function<T, ObjectNode> item) {
        ObjectNode root = Json.object();
        ArrayNode data = root.putArray("data");
        page.items().forEach(t -> data.add(item.apply(t)));
        ObjectNode p = root.putObject("page").put("offset", page.request().offset())
                .put("limit", page.request().limit()).put("total", page.total()).put("has_more", page.hasMore());
        if (page.hasMore()) {
            p.put("next_offset", page.request().offset() + page.items().size());
        } else {
            p.putNull("next_offset");
        }
        return root;
    }

    /** Puts an optional time as ISO-8601 text or null. */
    public static ObjectNode time(ObjectNode o, String field, Optional<Instant> value) {
        value.ifPresentOrElse(v -> o.put(field, v.toString()), () -> o.putNull(field));
        return o;
    }

    /** Puts an optional string or null. */
    public static ObjectNode text(ObjectNode o, String field, Optional<String> value) {
        value.ifPresentOrElse(v -> o.put(field, v), () -> o.putNull(field));
        return o;
    }
}
