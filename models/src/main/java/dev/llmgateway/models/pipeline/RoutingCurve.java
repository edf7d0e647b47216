package dev.llmgateway.models.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Quality against the share of calls sent to the strong model, as in the RouteLLM paper
 * (arXiv 2406.18665): prompts are sent to the strong model in order of falling score, and at each
 * share we measure the performance gap recovered, PGR = (q − q_weak) / (q_strong − q_weak).
 *
 * @param apgr area under PGR over the strong-call share (a random router scores 0.5 in expectation)
 * @param cpt50 smallest strong-call share reaching PGR ≥ 0.5 (likewise cpt80, cpt95)
 */
record RoutingCurve(int n, double weakQuality, double strongQuality, double apgr,
                    double cpt50, double cpt80, double cpt95, double[] pgr) {

    static RoutingCurve of(double[] score, boolean[] strongCorrect, boolean[] weakCorrect) {
        int n = score.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        // stable sort: ties keep data order, so the curve is reproducible
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -score[i]));
        int weak = 0;
        int strong = 0;
        for (int i = 0; i < n; i++) {
            weak += weakCorrect[i] ? 1 : 0;
            strong += strongCorrect[i] ? 1 : 0;
        }
        double gap = (double) (strong - weak);
        double[] pgr = new double[n + 1];
        int correct = weak;
        for (int k = 1; k <= n; k++) {
            int i = order[k - 1];
            correct += (strongCorrect[i] ? 1 : 0) - (weakCorrect[i] ? 1 : 0);
            pgr[k] = gap == 0 ? 0 : (correct - weak) / gap;
        }
        double area = 0;
        for (int k = 1; k <= n; k++) {
            area += (pgr[k] + pgr[k - 1]) / 2.0 / n;
        }
        return new RoutingCurve(n, (double) weak / n, (double) strong / n, area,
                cpt(pgr, 0.5), cpt(pgr, 0.8), cpt(pgr, 0.95), pgr);
    }

    /** The mean curve of {@code draws} random routers: the baseline every number is compared with. */
    static RoutingCurve random(boolean[] strongCorrect, boolean[] weakCorrect, int draws, long seed) {
        Random random = new Random(seed);
        List<RoutingCurve> curves = new ArrayList<>();
        for (int d = 0; d < draws; d++) {
            double[] score = random.doubles(strongCorrect.length).toArray();
            curves.add(of(score, strongCorrect, weakCorrect));
        }
        double[] mean = new double[strongCorrect.length + 1];
        double apgr = 0;
        for (RoutingCurve c : curves) {
            apgr += c.apgr() / draws;
            for (int k = 0; k < mean.length; k++) {
                mean[k] += c.pgr()[k] / draws;
            }
        }
        RoutingCurve first = curves.get(0);
        return new RoutingCurve(first.n(), first.weakQuality(), first.strongQuality(), apgr,
                cpt(mean, 0.5), cpt(mean, 0.8), cpt(mean, 0.95), mean);
    }

    private static double cpt(double[] pgr, double target) {
        int n = pgr.length - 1;
        for (int k = 0; k <= n; k++) {
            if (pgr[k] >= target) {
                return (double) k / n;
            }
        }
        return 1.0;
    }

    /** Quality when the given share of calls goes to the strong model. */
    double qualityAt(double share) {
        int k = (int) Math.round(share * n);
        return weakQuality + pgr[k] * (strongQuality - weakQuality);
    }
}
