package dev.llmgateway.cost.price;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Prices per provider and model over time. A model is found by its id, an exact alias, or the most
 * specific matching alias pattern; among that model's entries the newest one in effect on the day
 * of the request (UTC) applies, so usage keeps the price of its own day. Immutable and thread-safe.
 */
public final class PriceBook {

    private static final Logger LOG = Logger.getLogger(PriceBook.class.getName());
    private static final String DEFAULT_RESOURCE = "default-prices.json";

    /** One model of one provider: every name it answers to, and its prices oldest first. */
    private record Timeline(List<PriceEntry> entries) {
    }

    private final Map<String, List<Timeline>> byProvider;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public PriceBook(List<PriceEntry> entries) {
        Map<String, Map<String, List<PriceEntry>>> grouped = new LinkedHashMap<>();
        for (PriceEntry e : entries) {
            grouped.computeIfAbsent(e.provider(), p -> new LinkedHashMap<>())
                    .computeIfAbsent(e.model().toLowerCase(Locale.ROOT), m -> new ArrayList<>()).add(e);
        }
        Map<String, List<Timeline>> built = new LinkedHashMap<>();
        grouped.forEach((provider, models) -> built.put(provider, models.values().stream().map(list -> {
            return new Timeline(list.stream().sorted(Comparator.comparing(PriceEntry::effectiveFrom)).toList());
        }).toList()));
        this.byProvider = Map.copyOf(built);
    }

    /** The catalogue shipped with the gateway ({@code default-prices.json}: public list prices, dated inside). */
    public static PriceBook defaults() {
        try (InputStream in = PriceBook.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the default price book " + DEFAULT_RESOURCE + " is missing");
            }
            return PriceBookJson.read(in, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a price book from JSON text; problems name {@code source} and the entry. */
    public static PriceBook parse(String json, String source) {
        try {
            return PriceBookJson.read(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entries as a price book JSON document (the format {@link #parse} reads). */
    public static String toJson(List<PriceEntry> entries) {
        return PriceBookJson.write(entries);
    }

    /** Reads a price book file in the format of {@link PriceBookJson}; problems name the file and entry. */
    public static PriceBook load(java.nio.file.Path file) {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return PriceBookJson.read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the price book " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * This book with {@code overrides} on top: every provider and model the overrides name (by its
     * main name) takes its whole price history from them; the rest stays as it is here.
     */
    public PriceBook overriddenBy(PriceBook overrides) {
        Set<String> replaced = new java.util.HashSet<>();
        for (PriceEntry e : overrides.entries()) {
            replaced.add(e.provider().toLowerCase(Locale.ROOT) + "/" + e.model().toLowerCase(Locale.ROOT));
        }
        List<PriceEntry> merged = new ArrayList<>();
        for (PriceEntry e : entries()) {
            if (!replaced.contains(e.provider().toLowerCase(Locale.ROOT) + "/" + e.model().toLowerCase(Locale.ROOT))) {
                merged.add(e);
            }
        }
        merged.addAll(overrides.entries());
        return new PriceBook(merged);
    }

    /** True when the book lists any model of {@code provider}. */
    public boolean knowsProvider(String provider) {
        return byProvider.containsKey(provider.toLowerCase(Locale.ROOT));
    }

    /** The entry that prices {@code model} of {@code provider} at {@code at}, if any. */
    public Optional<PriceEntry> find(String provider, String model, Instant at) {
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        Timeline best = null;
        int bestScore = -1;
        for (Timeline t : byProvider.getOrDefault(provider.toLowerCase(Locale.ROOT), List.of())) {
            int score = t.entries().stream().mapToInt(e -> e.match(model)).max().orElse(-1);
            if (score > bestScore) {
                best = t;
                bestScore = score;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        PriceEntry found = null;
        for (PriceEntry e : best.entries()) {
            if (!e.effectiveFrom().isAfter(day)) {
                found = e;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The exact cost of {@code tokens} with {@code model} of {@code provider} at {@code at}; zero and
     * flagged unpriced when the book has no price for it then (logged once per provider and model).
     */
    public Cost cost(String provider, String model, Instant at, TokenCounts tokens) {
        Optional<PriceEntry> entry = find(provider, model, at);
        if (entry.isEmpty()) {
            if (warned.add(provider + "/" + model)) {
                LOG.warning(() -> "no price for " + provider + "/" + model + " on "
                        + at.atZone(ZoneOffset.UTC).toLocalDate() + "; its requests are counted at cost 0 "
                        + "and flagged unpriced");
            }
            return Cost.UNPRICED;
        }
        return new Cost(entry.get().price().cost(tokens), false);
    }

    /** Every entry, for listing. */
    public List<PriceEntry> entries() {
        return byProvider.values().stream().flatMap(List::stream).flatMap(t -> t.entries().stream()).toList();
    }
}
