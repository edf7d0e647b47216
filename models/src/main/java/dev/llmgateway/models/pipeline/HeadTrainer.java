package dev.llmgateway.models.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.Trainer;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains a multinomial logistic regression (Tribuo's linear SGD with log loss and AdaGrad) on
 * feature rows and exports it to ONNX. Features are named with zero-padded indices and every row
 * carries every feature, explicit zeros included, so Tribuo's feature ids equal the row positions
 * and the ONNX input is exactly the vector {@code FeatureLayout} builds.
 */
final class HeadTrainer {

    static final long SEED = 42L;

    /**
     * @param epochs passes over the data; few passes keep the weights small, which is this
     *               trainer's only regularisation
     */
    record Settings(int epochs, double learningRate, int minibatch) {
    }

    /** A trained head: its ONNX file, its output labels in column order, and the model itself. */
    record Trained(Path onnx, List<String> labels, Model<Label> model) {
    }

    private HeadTrainer() {
    }

    static Trained train(String name, List<float[]> rows, List<String> labels, Settings settings, Path onnxOut) {
        Model<Label> model = fit(name, rows, labels, linear(settings));
        try {
            ((ONNXExportable) model).saveONNXModel("dev.llmgateway.models." + name, 1, onnxOut);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + onnxOut, e);
        }
        return new Trained(onnxOut, labelOrder(model.getOutputIDInfo()), model);
    }

    /** The shipped trainer: multinomial logistic regression by linear SGD. */
    static Trainer<Label> linear(Settings settings) {
        return new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(settings.learningRate(), 0.1),
                settings.epochs(), Integer.MAX_VALUE, settings.minibatch(), SEED);
    }

    /** Trains any Tribuo classifier on the rows (for experiments; only ONNX-exportable ones can ship). */
    static Model<Label> fit(String name, List<float[]> rows, List<String> labels, Trainer<Label> trainer) {
        MutableDataset<Label> data = dataset(name, rows, labels);
        return trainer.train(data);
    }

    /** Predicted label per row. */
    static List<String> predict(Model<Label> model, List<float[]> rows) {
        String[] names = featureNames(rows.get(0).length);
        List<String> out = new ArrayList<>(rows.size());
        for (float[] row : rows) {
            out.add(model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, toDoubles(row)))
                    .getOutput().getLabel());
        }
        return out;
    }

    /** Probability of {@code label} per row. */
    static double[] probability(Model<Label> model, List<float[]> rows, String label) {
        String[] names = featureNames(rows.get(0).length);
        double[] out = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            out[i] = model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, toDoubles(rows.get(i))))
                    .getOutputScores().get(label).getScore();
        }
        return out;
    }

    private static MutableDataset<Label> dataset(String name, List<float[]> rows, List<String> labels) {
        int width = rows.get(0).length;
        String[] names = featureNames(width);
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(
                new SimpleDataSourceProvenance(name + " training rows", factory), factory);
        for (int i = 0; i < rows.size(); i++) {
            data.add(new ArrayExample<>(new Label(labels.get(i)), names, toDoubles(rows.get(i))));
        }
        if (data.getFeatureIDMap().size() != width) {
            throw new IllegalStateException("Tribuo kept " + data.getFeatureIDMap().size()
                    + " of " + width + " features; ONNX columns would not line up");
        }
        return data;
    }

    private static double[] toDoubles(float[] row) {
        double[] values = new double[row.length];
        for (int d = 0; d < row.length; d++) {
            values[d] = row[d];
        }
        return values;
    }

    private static List<String> labelOrder(ImmutableOutputInfo<Label> info) {
        List<String> order = new ArrayList<>();
        for (int id = 0; id < info.size(); id++) {
            order.add(info.getOutput(id).getLabel());
        }
        return order;
    }

    private static final java.util.Map<Integer, String[]> NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    private static String[] featureNames(int width) {
        return NAMES.computeIfAbsent(width, HeadTrainer::newFeatureNames);
    }

    private static String[] newFeatureNames(int width) {
        String[] names = new String[width];
        for (int d = 0; d < width; d++) {
            names[d] = String.format("f%05d", d);
        }
        return names;
    }
}
