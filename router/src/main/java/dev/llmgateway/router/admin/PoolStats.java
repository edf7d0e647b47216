package dev.llmgateway.router.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.router.pool.Account;
import dev.llmgateway.router.pool.FailureKind;
import dev.llmgateway.router.pool.LeaseListener;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counters per account since start, fed by the pool's lease outcomes: requests (leases
 * taken), successes, failures by kind, and failovers (leases taken by a request that had already
 * failed on another account). Lock-free; thread-safe.
 */
final class PoolStats implements LeaseListener {

    private final Instant since;
    private final Map<String, Counters> byAccount = new ConcurrentHashMap<>();

    PoolStats(Instant since) {
        this.since = since;
    }

    /** One account's (or, summed, one provider's) counters. */
    record Totals(long requests, long successes, Map<FailureKind, Long> failures, long failovers) {
        static Totals zero() {
            Map<FailureKind, Long> none = new EnumMap<>(FailureKind.class);
            for (FailureKind k : FailureKind.values()) {
                none.put(k, 0L);
            }
            return new Totals(0, 0, none, 0);
        }

        Totals plus(Totals o) {
            Map<FailureKind, Long> sum = new EnumMap<>(FailureKind.class);
            for (FailureKind k : FailureKind.values()) {
                sum.put(k, failures.get(k) + o.failures.get(k));
            }
            return new Totals(requests + o.requests, successes + o.successes, sum, failovers + o.failovers);
        }

        long failureCount() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static final class Counters {
        final LongAdder requests = new LongAdder();
        final LongAdder successes = new LongAdder();
        final LongAdder failovers = new LongAdder();
        final Map<FailureKind, LongAdder> failures = new EnumMap<>(FailureKind.class);

        Counters() {
            for (FailureKind k : FailureKind.values()) {
                failures.put(k, new LongAdder());
            }
        }

        Totals totals() {
            Map<FailureKind, Long> f = new EnumMap<>(FailureKind.class);
            failures.forEach((k, v) -> f.put(k, v.sum()));
            return new Totals(requests.sum(), successes.sum(), f, failovers.sum());
        }
    }

    private Counters of(Account account) {
        return byAccount.computeIfAbsent(account.id(), id -> new Counters());
    }

    @Override
    public void acquired(Account account, String model, boolean failover) {
        Counters c = of(account);
        c.requests.increment();
        if (failover) {
            c.failovers.increment();
        }
    }

    @Override
    public void succeeded(Account account, String model) {
        of(account).successes.increment();
    }

    @Override
    public void failed(Account account, String model, FailureKind kind) {
        of(account).failures.get(kind).increment();
    }

    Totals totals(String accountId) {
        Counters c = byAccount.get(accountId);
        return c == null ? Totals.zero() : c.totals();
    }

    /** Counters of {@code accounts} (every account, zero when unused) and their sums per provider. */
    ObjectNode json(List<Account> accounts) {
        ObjectNode root = Json.object().put("since", since.toString());
        ArrayNode perAccount = root.putArray("accounts");
        Map<String, Totals> perProvider = new LinkedHashMap<>();
        for (Account a : accounts) {
            Totals t = totals(a.id());
            perAccount.add(write(Json.object().put("id", a.id()).put("provider", a.provider()), t));
            perProvider.merge(a.provider(), t, Totals::plus);
        }
        ArrayNode providers = root.putArray("providers");
        perProvider.forEach((name, t) -> providers.add(write(Json.object().put("name", name), t)));
        return root;
    }

    private static ObjectNode write(ObjectNode o, Totals t) {
        o.put("requests", t.requests()).put("successes", t.successes());
        ObjectNode f = o.putObject("failures");
        f.put("total", t.failureCount());
        t.failures().forEach((k, v) -> f.put(k.name().toLowerCase(Locale.ROOT), v));
        o.put("failovers", t.failovers());
        return o;
    }
}
