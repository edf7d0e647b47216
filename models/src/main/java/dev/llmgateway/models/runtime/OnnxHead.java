package dev.llmgateway.models.runtime;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import java.io.ByteArrayInputStream;

/** A classification head in ONNX form (exported by Tribuo). Thread-safe; predictors are per session. */
final class OnnxHead implements AutoCloseable {

    private final ModelManifest.Head spec;
    private final Model model;

    OnnxHead(ModelManifest.Head spec, byte[] onnx) {
        this.spec = spec;
        this.model = OfflineDjl.loadOnnx(spec.name(), new ByteArrayInputStream(onnx), 1);
    }

    ModelManifest.Head spec() {
        return spec;
    }

    Predictor<float[], float[]> newPredictor() {
        return model.newPredictor(new HeadTranslator());
    }

    @Override
    public void close() {
        model.close();
    }
}
