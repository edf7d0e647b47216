package dev.llmgateway.models.runtime;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Loads ONNX models through DJL with downloads switched off and one ONNX Runtime thread pool per session. */
final class OfflineDjl {

    static final String ENGINE = "OnnxRuntime";

    private OfflineDjl() {
    }

    /**
     * DJL fetches missing engines and models from the network unless told not to; the gateway
     * must never do that at run time, so the switch is set before DJL reads it.
     */
    static void forbidDownloads() {
        if (System.getProperty("offline") == null) {
            System.setProperty("offline", "true");
        }
    }

    static Model loadOnnx(String name, InputStream onnx, int intraOpThreads) {
        forbidDownloads();
        Model model = Model.newInstance(name, ENGINE);
        try (onnx) {
            // DJL applies intraOpNumThreads only when interOpNumThreads is present too
            model.load(onnx, Map.of(
                    "interOpNumThreads", "1",
                    "intraOpNumThreads", Integer.toString(intraOpThreads)));
            return model;
        } catch (IOException e) {
            model.close();
            throw new UncheckedIOException("cannot read ONNX model " + name, e);
        } catch (MalformedModelException e) {
            model.close();
            throw new IllegalStateException("malformed ONNX model " + name, e);
        }
    }

    static InputStream resource(String path) {
        InputStream in = OfflineDjl.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new ModelMissingException("resource not on the class path: " + path);
        }
        return in;
    }
}
