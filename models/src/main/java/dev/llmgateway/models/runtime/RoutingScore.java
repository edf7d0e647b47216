package dev.llmgateway.models.runtime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * How the complexity head's four outcome probabilities become the numbers routing uses. The head
 * predicts the joint outcome of a cheap and a strong model on a prompt ({@link #BOTH_RIGHT},
 * {@link #ONLY_STRONG_RIGHT}, {@link #ONLY_WEAK_RIGHT}, {@link #BOTH_WRONG}); from those:
 *
 * <ul>
 *   <li><b>complexity</b> = P(cheap model wrong) = P(only strong right) + P(both wrong);</li>
 *   <li><b>gain</b> = P(only strong right) − P(only weak right) + {@code partialCredit} × P(both
 *       wrong): the expected quality gained by calling the strong model. Right/wrong benchmarks
 *       give no credit when both models miss; in open-ended use the strong model's partial answer
 *       to a hard prompt is usually worth more, and {@code partialCredit} says how much;</li>
 *   <li><b>difficulty</b> = the share of the training prompts whose gain is below this prompt's
 *       (read off {@code quantiles}, the gain at 0%, 1%, …, 100% of the training prompts). It
 *       ranks exactly like gain, lies in 0..1 and is what a routing policy's quality bar reads:
 *       0.8 means the strong model is expected to help more here than on 80% of typical prompts.</li>
 * </ul>
 *
 * @param partialCredit weight of P(both wrong) in the gain, 0..1
 * @param quantiles gain at each percentile of the training prompts, ascending (at least two values)
 * @param demandWeight share of a prompt's difficulty that comes from the task head's demand
 *                     ({@link TaskDemand}) when the bundle has one: difficulty = (1 − w) × the gain's
 *                     percentile + w × the demand's percentile; 0 = the gain alone
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RoutingScore(double partialCredit, List<Double> quantiles, double demandWeight) {

    public static final String BOTH_RIGHT = "both_right";
    public static final String ONLY_STRONG_RIGHT = "only_strong_right";
    public static final String ONLY_WEAK_RIGHT = "only_weak_right";
    public static final String BOTH_WRONG = "both_wrong";
    public static final List<String> OUTCOMES = List.of(BOTH_RIGHT, ONLY_STRONG_RIGHT, ONLY_WEAK_RIGHT, BOTH_WRONG);

    public RoutingScore {
        quantiles = Percentiles.checked(quantiles);
        if (!(demandWeight >= 0 && demandWeight <= 1)) {
            throw new IllegalArgumentException("demandWeight must be in 0..1");
        }
    }

    /** The outcome label of a prompt the strong and the weak model did or did not get right. */
    public static String outcome(boolean strongRight, boolean weakRight) {
        if (strongRight) {
            return weakRight ? BOTH_RIGHT : ONLY_STRONG_RIGHT;
        }
        return weakRight ? ONLY_WEAK_RIGHT : BOTH_WRONG;
    }

    /** Column of each outcome in a head whose output labels are {@code labels}. */
    public static int[] columns(List<String> labels) {
        return HeadOutputs.columns("complexity", labels, OUTCOMES);
    }

    /** P(cheap model wrong) from the head's output, given {@link #columns}. */
    public static double complexity(float[] p, int[] columns) {
        return clamp01(p[columns[1]] + p[columns[3]]);
    }

    /** Expected gain of a strong call from the head's output, given {@link #columns}. */
    public double gain(float[] p, int[] columns) {
        return p[columns[1]] - p[columns[2]] + partialCredit * p[columns[3]];
    }

    /** The share of training prompts with a lower gain, interpolated between percentiles. */
    public double difficulty(double gain) {
        return Percentiles.rank(quantiles, gain);
    }

    /** Difficulty from the gain and the task head's demand percentile ({@link #demandWeight}). */
    public double difficulty(double gain, double demandPercentile) {
        return (1 - demandWeight) * difficulty(gain) + demandWeight * demandPercentile;
    }

    /** The percentiles 0..100 of {@code gains} (which need not be sorted). */
    public static List<Double> percentiles(double[] gains) {
        return Percentiles.of(gains);
    }

    private static double clamp01(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
