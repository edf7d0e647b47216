package dev.llmgateway.models.runtime;

import java.util.Arrays;
import java.util.List;

/**
 * A score's distribution over a head's training prompts, kept as its values at the percentiles
 * 0, 1, …, 100, so a new prompt's score can be read as "higher than this share of the training
 * prompts".
 */
final class Percentiles {

    private Percentiles() {
    }

    /** {@code quantiles} as an unmodifiable list, if it has at least two values in ascending order. */
    static List<Double> checked(List<Double> quantiles) {
        List<Double> q = List.copyOf(quantiles);
        if (q.size() < 2) {
            throw new IllegalArgumentException("a score scale needs at least two quantiles");
        }
        for (int i = 1; i < q.size(); i++) {
            if (q.get(i) < q.get(i - 1)) {
                throw new IllegalArgumentException("score quantiles must ascend");
            }
        }
        return q;
    }

    /** The percentiles 0..100 of {@code values} (which need not be sorted). */
    static List<Double> of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        Double[] out = new Double[101];
        for (int q = 0; q <= 100; q++) {
            double pos = q / 100.0 * (sorted.length - 1);
            int i = (int) Math.floor(pos);
            int j = Math.min(sorted.length - 1, i + 1);
            out[q] = sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
        }
        return List.of(out);
    }

    /** The share (0..1) of the distribution below {@code value}, interpolated between percentiles. */
    static double rank(List<Double> quantiles, double value) {
        int last = quantiles.size() - 1;
        if (value <= quantiles.get(0)) {
            return 0;
        }
        if (value >= quantiles.get(last)) {
            return 1;
        }
        int lo = 0;
        int hi = last;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (quantiles.get(mid) <= value) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double a = quantiles.get(lo);
        double b = quantiles.get(hi);
        double within = b > a ? (value - a) / (b - a) : 0;
        return (lo + within) / last;
    }
}
