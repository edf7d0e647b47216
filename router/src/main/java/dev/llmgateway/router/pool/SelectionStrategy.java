package dev.llmgateway.router.pool;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Picks one of the accounts that can take a request now (never empty, in configuration order).
 * Implementations are thread-safe.
 */
public sealed interface SelectionStrategy {

    AccountRuntime choose(List<AccountRuntime> candidates);

    /** The strategy for a configuration name: round-robin, weighted, least-in-flight, lowest-latency, fill-first. */
    static SelectionStrategy named(String name) {
        return switch (name) {
            case "round-robin" -> new RoundRobin();
            case "weighted" -> new Weighted();
            case "least-in-flight" -> new LeastInFlight();
            case "lowest-latency" -> new LowestLatency();
            case "fill-first" -> new FillFirst();
            default -> throw new IllegalArgumentException("unknown selection strategy '" + name
                    + "' (round-robin, weighted, least-in-flight, lowest-latency, fill-first)");
        };
    }

    /** Each candidate in turn. */
    final class RoundRobin implements SelectionStrategy {
        private final AtomicLong next = new AtomicLong();

        @Override
        public AccountRuntime choose(List<AccountRuntime> candidates) {
            return candidates.get((int) Math.floorMod(next.getAndIncrement(), (long) candidates.size()));
        }
    }

    /**
     * Smooth weighted round robin (as nginx does it): over any run of total-weight picks each
     * account is chosen exactly weight times, interleaved rather than in bursts.
     */
    final class Weighted implements SelectionStrategy {
        @Override
        public synchronized AccountRuntime choose(List<AccountRuntime> candidates) {
            long total = 0;
            AccountRuntime best = null;
            for (AccountRuntime a : candidates) {
                a.currentWeight += a.account().weight();
                total += a.account().weight();
                if (best == null || a.currentWeight > best.currentWeight) {
                    best = a;
                }
            }
            best.currentWeight -= total;
            return best;
        }
    }

    /** The one with the fewest requests in flight; ties go to configuration order. */
    final class LeastInFlight implements SelectionStrategy {
        @Override
        public AccountRuntime choose(List<AccountRuntime> candidates) {
            return candidates.stream().min(Comparator.comparingInt(AccountRuntime::inFlight)).orElseThrow();
        }
    }

    /** The one with the lowest latency average; accounts never measured go first so they get measured. */
    final class LowestLatency implements SelectionStrategy {
        @Override
        public AccountRuntime choose(List<AccountRuntime> candidates) {
            return candidates.stream().min(Comparator.comparingDouble(AccountRuntime::latencyMillis)).orElseThrow();
        }
    }

    /** The highest priority (lowest number) first; the next only when it cannot take the request. */
    final class FillFirst implements SelectionStrategy {
        @Override
        public AccountRuntime choose(List<AccountRuntime> candidates) {
            return candidates.stream().min(Comparator.comparingInt(a -> a.account().priority())).orElseThrow();
        }
    }
}
