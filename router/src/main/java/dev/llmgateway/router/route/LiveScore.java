package dev.llmgateway.router.route;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The live-score rule: among the candidates that passed the hard rules (in price order), skip those
 * that are failing or slow right now, so the cheapest adequate choice is made among healthy ones.
 *
 * <ol>
 *   <li>Error rate: a candidate with at least {@code min-requests} attempts in the window whose
 *       share of upstream failures is above {@code max-error-rate} is skipped
 *       ({@code error rate 0.42 over 5m (21/50)}).</li>
 *   <li>Latency: a candidate with at least {@code min-requests} successes whose mean latency is
 *       above {@code max-latency-ratio} times the median mean latency of the other candidates with
 *       enough successes is skipped ({@code latency 4200 ms over 5m, 5.3x peers' 800 ms}). Without
 *       such peers there is nothing to compare with, and nothing is skipped for latency.</li>
 *   <li>When every candidate would be skipped, none is: the rule only moves traffic between
 *       candidates, it never refuses a request (the account pool's circuit breakers do that).</li>
 * </ol>
 * Skipped candidates stay in the plan after the others. Pure and thread-safe; the statistics are
 * read once per candidate.
 */
public final class LiveScore {

    private LiveScore() {
    }

    /**
     * The candidates to choose from (order kept) and, per degraded model, why. When every candidate
     * is degraded none is skipped ({@code allDegraded}): {@code kept} is then every candidate.
     */
    public record Adjusted(List<Candidate> kept, Map<String, String> skipped, boolean allDegraded) {
        public Adjusted {
            kept = List.copyOf(kept);
            skipped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
        }

        /** For the route explanation: {@code skipped a: why, b: why}, or empty when nothing was degraded. */
        public String describe() {
            if (skipped.isEmpty()) {
                return "";
            }
            java.util.StringJoiner j = new java.util.StringJoiner(", ",
                    allDegraded ? "all degraded, none skipped: " : "skipped ", "");
            skipped.forEach((m, why) -> j.add(m + ": " + why));
            return j.toString();
        }
    }

    public static Adjusted adjust(List<Candidate> candidates, LiveRules rules, LiveStats stats) {
        if (candidates.isEmpty() || !rules.checksErrors() && !rules.checksLatency()) {
            return new Adjusted(candidates, Map.of(), false);
        }
        LiveStats.Sample[] samples = new LiveStats.Sample[candidates.size()];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = stats.sample(candidates.get(i).model(), rules.window());
        }
        String window = window(rules.window());
        Map<String, String> skipped = new LinkedHashMap<>();
        for (int i = 0; i < samples.length; i++) {
            LiveStats.Sample s = samples[i];
            String model = candidates.get(i).model();
            if (rules.checksErrors() && s.attempts() >= rules.minRequests() && s.errorRate() > rules.maxErrorRate()) {
                skipped.put(model, "error rate " + fmt(s.errorRate()) + " over " + window + " (" + s.failures() + "/"
                        + s.attempts() + ")");
                continue;
            }
            if (rules.checksLatency() && s.successes() >= rules.minRequests() && s.meanLatencyMillis() >= 0) {
                double peers = peerMedian(samples, i, rules.minRequests());
                if (peers > 0 && s.meanLatencyMillis() > rules.maxLatencyRatio() * peers) {
                    skipped.put(model, "latency " + Math.round(s.meanLatencyMillis()) + " ms over " + window + ", "
                            + String.format(Locale.ROOT, "%.1f", s.meanLatencyMillis() / peers) + "x peers' "
                            + Math.round(peers) + " ms");
                }
            }
        }
        if (skipped.isEmpty() || skipped.size() == candidates.size()) {
            return new Adjusted(candidates, skipped, !skipped.isEmpty());
        }
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : candidates) {
            if (!skipped.containsKey(c.model())) {
                kept.add(c);
            }
        }
        return new Adjusted(kept, skipped, false);
    }

    /** The median mean latency of the candidates other than {@code self} with enough successes; -1 without any. */
    private static double peerMedian(LiveStats.Sample[] samples, int self, int minRequests) {
        double[] values = new double[samples.length];
        int n = 0;
        for (int i = 0; i < samples.length; i++) {
            if (i != self && samples[i].successes() >= minRequests && samples[i].meanLatencyMillis() >= 0) {
                values[n++] = samples[i].meanLatencyMillis();
            }
        }
        if (n == 0) {
            return -1;
        }
        Arrays.sort(values, 0, n);
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    static String window(Duration d) {
        long s = d.toSeconds();
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
