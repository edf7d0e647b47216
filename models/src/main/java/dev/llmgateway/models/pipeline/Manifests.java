package dev.llmgateway.models.pipeline;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.llmgateway.models.runtime.ModelBundle;
import dev.llmgateway.models.runtime.ModelManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

final class Manifests {

    private Manifests() {
    }

    static ModelManifest read(Path file) {
        try {
            return Jsonl.JSON.readValue(file.toFile(), ModelManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static void write(ModelManifest manifest, Path file) {
        try {
            Jsonl.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String sha256(Path file) {
        try {
            return ModelBundle.sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
