package dev.llmgateway.models.runtime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * How the task head's output becomes a routing number. The head sorts a chat prompt into the
 * strength of model it needs for a good answer, as the project judged it when writing its
 * training prompts ({@link #LIGHT}: a small model does it well; {@link #MODERATE}: a mid-range
 * one; {@link #DEMANDING}: a frontier model). Its <b>demand</b> is the expected level,
 * 0.5 × P(moderate) + P(demanding), read as a percentile among the training prompts
 * ({@code quantiles}, as for {@link RoutingScore}).
 *
 * <p>This is a judgement of the prompt, not a measured outcome, which is why it is kept apart from
 * the complexity head's outcome probabilities; {@link RoutingScore#demandWeight()} says how much
 * of a prompt's difficulty it makes up.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskDemand(List<Double> quantiles) {

    public static final String LIGHT = "light";
    public static final String MODERATE = "moderate";
    public static final String DEMANDING = "demanding";
    public static final List<String> LEVELS = List.of(LIGHT, MODERATE, DEMANDING);

    public TaskDemand {
        quantiles = Percentiles.checked(quantiles);
    }

    /** Column of each level in a head whose output labels are {@code labels}. */
    public static int[] columns(List<String> labels) {
        return HeadOutputs.columns("task", labels, LEVELS);
    }

    /** The expected level, 0 (light) to 1 (demanding), from the head's output. */
    public static double expected(float[] p, int[] columns) {
        return 0.5 * p[columns[1]] + p[columns[2]];
    }

    /** The share of training prompts with a lower expected level. */
    public double percentile(double expected) {
        return Percentiles.rank(quantiles, expected);
    }

    /** The percentiles 0..100 of {@code values}. */
    public static List<Double> percentiles(double[] values) {
        return Percentiles.of(values);
    }
}
