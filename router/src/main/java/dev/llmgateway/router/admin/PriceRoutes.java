package dev.llmgateway.router.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.cost.price.PriceBook;
import dev.llmgateway.cost.price.PriceEntry;
import dev.llmgateway.cost.price.PriceOverrides;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.router.server.Gateway;
import java.util.Comparator;
import java.util.Locale;

/**
 * {@code /prices}: the price book in use (shipped catalogue, {@code cost.price-book}, then the
 * overrides set here), readable by any admin-API caller; {@code PUT /prices/overrides} replaces the
 * overrides (platform admins; audited; other instances pick them up within the cache-sync interval).
 */
final class PriceRoutes implements AdminRoutes {

    private final Gateway gateway;

    PriceRoutes(Gateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public void addTo(AdminRouteTable table) {
        table.get("/prices", "The price book in use: every entry with its prices in USD per million tokens "
                        + "(provider, model filters)", req -> {
                            gateway.reloadPrices();
                            return AdminReply.ok(book(gateway.pricer().book(), req.query("provider"), req.query("model"),
                                    gateway.priceVersion()));
                        })
                .get("/prices/overrides", "The price overrides set through this API (price book JSON)", req -> {
                    PriceOverrides.Version v = gateway.priceOverrides().current().orElse(null);
                    ObjectNode o = v == null ? Json.object().put("version", 0)
                            : Json.parseObject(v.document().getBytes(java.nio.charset.StandardCharsets.UTF_8)).put("version", v.version())
                                    .put("created_by", v.createdBy()).put("created_at", v.createdAt().toString());
                    if (v == null) {
                        o.putArray("models");
                    }
                    return AdminReply.ok(o);
                })
                .put("/prices/overrides", "Replace the price overrides ({\"models\": [...]} in the price book format; "
                        + "an empty list removes them); platform admins", req -> {
                            PriceOverrides.Version v = gateway.priceOverrides().set(req.actor(),
                                    Json.text(Bodies.only(req.body(), "models")));
                            gateway.reloadPrices();
                            return AdminReply.ok(Json.parseObject(v.document().getBytes(java.nio.charset.StandardCharsets.UTF_8)).put("version", v.version()));
                        });
    }

    private static ObjectNode book(PriceBook book, java.util.Optional<String> provider, java.util.Optional<String> model,
                                   long version) {
        java.util.List<PriceEntry> entries = book.entries().stream()
                .filter(e -> provider.map(p -> p.toLowerCase(Locale.ROOT).equals(e.provider())).orElse(true))
                .filter(e -> model.map(m -> e.model().equalsIgnoreCase(m) || e.aliases().stream()
                        .anyMatch(a -> a.equalsIgnoreCase(m))).orElse(true))
                .sorted(Comparator.comparing(PriceEntry::provider).thenComparing(PriceEntry::model)
                        .thenComparing(PriceEntry::effectiveFrom))
                .toList();
        // the entries in the price book's own JSON format, so reading and overriding look the same
        ObjectNode document = Json.parseObject(PriceBook.toJson(entries).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ObjectNode root = Json.object().put("override_version", version);
        root.set("data", document.get("models"));
        return root;
    }
}
