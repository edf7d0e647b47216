package dev.llmgateway.models.pipeline;

/**
 * How well a probability matches what happens: the complexity score promises "probability that
 * the weak model's answer is wrong". Brier score and expected calibration error over ten equal-width
 * bins (lower is better for both), next to the base rate a constant predictor would give.
 */
record Calibration(int n, double baseRate, double meanScore, double brier, double ece) {

    static final int BINS = 10;

    static Calibration of(double[] probability, boolean[] happened) {
        int n = probability.length;
        double[] sumP = new double[BINS];
        double[] sumY = new double[BINS];
        int[] count = new int[BINS];
        double brier = 0;
        double rate = 0;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            double p = probability[i];
            double y = happened[i] ? 1 : 0;
            int bin = Math.min(BINS - 1, (int) (p * BINS));
            sumP[bin] += p;
            sumY[bin] += y;
            count[bin]++;
            brier += (p - y) * (p - y);
            rate += y;
            mean += p;
        }
        double ece = 0;
        for (int b = 0; b < BINS; b++) {
            if (count[b] > 0) {
                ece += Math.abs(sumP[b] - sumY[b]) / n;
            }
        }
        return new Calibration(n, rate / n, mean / n, brier / n, ece);
    }
}
