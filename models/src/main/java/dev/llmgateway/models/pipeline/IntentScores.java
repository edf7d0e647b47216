package dev.llmgateway.models.pipeline;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Per-class precision, recall and F1, and their macro average over the classes that occur in the
 * gold labels (a class the set never contains cannot be scored, but predicting it still costs
 * the true class its recall). {@code confusion} counts gold label → predicted label.
 */
record IntentScores(int n, double accuracy, double macroF1, Map<String, ClassScore> perClass,
                    Map<String, Map<String, Integer>> confusion) {

    record ClassScore(int support, double precision, double recall, double f1) {
    }

    static IntentScores of(List<String> gold, List<String> predicted) {
        TreeSet<String> classes = new TreeSet<>(gold);
        Map<String, ClassScore> perClass = new TreeMap<>();
        Map<String, Map<String, Integer>> confusion = new TreeMap<>();
        int correct = 0;
        for (int i = 0; i < gold.size(); i++) {
            confusion.computeIfAbsent(gold.get(i), g -> new TreeMap<>()).merge(predicted.get(i), 1, Integer::sum);
            if (gold.get(i).equals(predicted.get(i))) {
                correct++;
            }
        }
        double sum = 0;
        for (String c : classes) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < gold.size(); i++) {
                boolean g = gold.get(i).equals(c);
                boolean p = predicted.get(i).equals(c);
                tp += g && p ? 1 : 0;
                fp += !g && p ? 1 : 0;
                fn += g && !p ? 1 : 0;
            }
            double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
            double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.put(c, new ClassScore(tp + fn, precision, recall, f1));
            sum += f1;
        }
        return new IntentScores(gold.size(), (double) correct / gold.size(), sum / classes.size(), perClass,
                confusion);
    }
}
