package dev.llmgateway.models.pipeline;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The cost saving at a quality level, as the RouteLLM paper (arXiv 2406.18665) states its headline
 * numbers ("45% cheaper on MMLU at 95% of GPT-4's quality"): prompts go to the strong model in
 * order of falling router score until the mix's quality reaches {@code fraction} × the strong
 * model's quality; the saving is 1 − (cost of that mix / cost of sending everything to the strong
 * model). Per-prompt costs come from the data set where it has them (RouterBench) or from price
 * ratios (MMLU).
 *
 * @param strongShare share of prompts sent to the strong model at that point
 * @param saving cost saving against the strong model alone, 0..1
 */
record CostAtQuality(double fraction, double strongShare, double saving) {

    static CostAtQuality of(double[] score, boolean[] strongCorrect, boolean[] weakCorrect,
                            double[] strongCost, double[] weakCost, double fraction) {
        int n = score.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -score[i]));
        int strong = 0;
        int correct = 0;
        double allStrong = 0;
        double cost = 0;
        for (int i = 0; i < n; i++) {
            strong += strongCorrect[i] ? 1 : 0;
            correct += weakCorrect[i] ? 1 : 0;
            allStrong += strongCost[i];
            cost += weakCost[i];
        }
        double goal = fraction * strong;
        int k = 0;
        while (correct < goal - 1e-9 && k < n) {
            int i = order[k++];
            correct += (strongCorrect[i] ? 1 : 0) - (weakCorrect[i] ? 1 : 0);
            cost += strongCost[i] - weakCost[i];
        }
        return new CostAtQuality(fraction, (double) k / n, allStrong == 0 ? 0 : 1 - cost / allStrong);
    }

    /** The mean over {@code draws} random routers. */
    static CostAtQuality random(boolean[] strongCorrect, boolean[] weakCorrect, double[] strongCost,
                                double[] weakCost, double fraction, int draws, long seed) {
        Random random = new Random(seed);
        double share = 0;
        double saving = 0;
        for (int d = 0; d < draws; d++) {
            CostAtQuality c = of(random.doubles(strongCorrect.length).toArray(), strongCorrect, weakCorrect,
                    strongCost, weakCost, fraction);
            share += c.strongShare() / draws;
            saving += c.saving() / draws;
        }
        return new CostAtQuality(fraction, share, saving);
    }
}
