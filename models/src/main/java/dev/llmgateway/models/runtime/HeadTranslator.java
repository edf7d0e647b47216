package dev.llmgateway.models.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.nio.FloatBuffer;

/** One feature row in, one row of class probabilities out. */
final class HeadTranslator implements Translator<float[], float[]> {

    @Override
    public Batchifier getBatchifier() {
        return null; // the row is already shaped [1, n]
    }

    @Override
    public NDList processInput(TranslatorContext ctx, float[] features) {
        NDArray row = ctx.getNDManager().create(
                FloatBuffer.wrap(features), new Shape(1, features.length), DataType.FLOAT32);
        return new NDList(row);
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList outputs) {
        return outputs.get(0).toFloatArray();
    }
}
