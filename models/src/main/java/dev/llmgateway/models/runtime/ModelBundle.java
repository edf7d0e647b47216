package dev.llmgateway.models.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The shipped models, loaded together: the sentence encoder (and, when the manifest names one, a
 * second encoder for mostly-Chinese text, {@link ModelManifest#chineseEncoder()}) plus the {@value #INTENT} and
 * {@value #COMPLEXITY} heads named in {@code manifest.json}, and the {@value #TASK} head when the
 * manifest names one, each checked against its sha256.
 *
 * <p>Thread-safe; each thread works through its own {@link BundleSession}.
 */
public final class ModelBundle implements AutoCloseable {

    public static final String INTENT = "intent";
    public static final String COMPLEXITY = "complexity";
    public static final String TASK = "task";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelManifest manifest;
    private final SentenceEncoder encoder;
    private final SentenceEncoder chineseEncoder;
    private final OnnxHead intent;
    private final OnnxHead complexity;
    private final OnnxHead task;

    private ModelBundle(ModelManifest manifest, SentenceEncoder encoder, SentenceEncoder chineseEncoder,
                        OnnxHead intent, OnnxHead complexity, OnnxHead task) {
        this.manifest = manifest;
        this.encoder = encoder;
        this.chineseEncoder = chineseEncoder;
        this.intent = intent;
        this.complexity = complexity;
        this.task = task;
    }

    /** Loads the models shipped in this jar; throws {@link ModelMissingException} when any is absent. */
    public static ModelBundle fromClasspath(EncoderSettings settings) {
        return load(ModelBundle::readResource, settings);
    }

    /** Loads models from a folder holding {@code manifest.json} and the head files, e.g. a fresh training output. */
    public static ModelBundle fromDirectory(Path dir, EncoderSettings settings) {
        return load(name -> readFile(dir.resolve(name)), settings);
    }

    private static ModelBundle load(Reader reader, EncoderSettings settings) {
        ModelManifest manifest;
        try {
            manifest = JSON.readValue(reader.read("manifest.json"), ModelManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable model manifest", e);
        }
        OnnxHead intent = null;
        OnnxHead complexity = null;
        OnnxHead task = null;
        SentenceEncoder encoder = null;
        try {
            EncoderModel chineseSpec = chineseEncoder(manifest);
            intent = openHead(manifest, INTENT, reader);
            complexity = openHead(manifest, COMPLEXITY, reader);
            task = manifest.head(TASK).isPresent() ? openHead(manifest, TASK, reader) : null;
            encoder = SentenceEncoder.fromClasspath(settings);
            SentenceEncoder chinese = chineseSpec == null ? null : SentenceEncoder.fromClasspath(chineseSpec, settings);
            return new ModelBundle(manifest, encoder, chinese, intent, complexity, task);
        } catch (RuntimeException e) {
            if (encoder != null) {
                encoder.close();
            }
            for (OnnxHead head : new OnnxHead[] {intent, complexity, task}) {
                if (head != null) {
                    head.close();
                }
            }
            throw e;
        }
    }

    /**
     * The manifest's Chinese encoder, or null when it names none, after checking that every head
     * with an embedding has a Chinese block as wide as that encoder's vectors: a head with a shared
     * block, or one sized for another encoder, would be handed vectors it was not trained on.
     */
    static EncoderModel chineseEncoder(ModelManifest manifest) {
        if (manifest.chinese().isEmpty()) {
            for (ModelManifest.Head head : manifest.heads()) {
                if (head.features() != null && head.features().chineseDimensions() != 0) {
                    throw new ModelMissingException("head '" + head.name() + "' has a "
                            + head.features().chineseDimensions() + "-d Chinese block but the manifest names no Chinese encoder");
                }
            }
            return null;
        }
        ModelManifest.Encoder declared = manifest.chinese().get();
        EncoderModel spec = EncoderModel.named(declared.name());
        if (declared.dimensions() != spec.dimensions()) {
            throw new ModelMissingException("manifest says " + declared.name() + " has " + declared.dimensions()
                    + " dimensions, the model has " + spec.dimensions());
        }
        for (ModelManifest.Head head : manifest.heads()) {
            FeatureLayout layout = head.features();
            if (layout != null && layout.embedding() && layout.chineseBlockWidth() != spec.dimensions()) {
                throw new ModelMissingException("head '" + head.name() + "' reads a " + layout.chineseBlockWidth()
                        + "-d Chinese embedding block, but the Chinese encoder " + spec.name() + " makes "
                        + spec.dimensions() + "-d vectors (the block must be per script and as wide)");
            }
        }
        return spec;
    }

    private static OnnxHead openHead(ModelManifest manifest, String name, Reader reader) {
        ModelManifest.Head spec = manifest.head(name)
                .orElseThrow(() -> new ModelMissingException("manifest names no '" + name + "' head"));
        byte[] onnx = reader.read(spec.file());
        String actual = sha256(onnx);
        if (!actual.equalsIgnoreCase(spec.sha256())) {
            throw new ModelMissingException(spec.file() + " has sha256 " + actual + ", manifest says " + spec.sha256());
        }
        return new OnnxHead(spec, onnx);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public ModelManifest manifest() {
        return manifest;
    }

    OnnxHead intentHead() {
        return intent;
    }

    OnnxHead complexityHead() {
        return complexity;
    }

    /** The encoder for mostly-Chinese text, or null when the main encoder embeds every text. */
    SentenceEncoder chineseEncoder() {
        return chineseEncoder;
    }

    public BundleSession newSession() {
        EncoderSession main = encoder.newSession();
        EncoderSession chinese = chineseEncoder == null ? null : chineseEncoder.newSession();
        return new BundleSession(main, encoder.spec().name(), chinese,
                chineseEncoder == null ? null : chineseEncoder.spec().name(), intent, complexity, task);
    }

    @Override
    public void close() {
        intent.close();
        complexity.close();
        if (task != null) {
            task.close();
        }
        encoder.close();
        if (chineseEncoder != null) {
            chineseEncoder.close();
        }
    }

    @FunctionalInterface
    private interface Reader {
        byte[] read(String name);
    }

    private static byte[] readResource(String name) {
        try (InputStream in = OfflineDjl.resource(ModelManifest.RESOURCE_DIR + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model resource " + name, e);
        }
    }

    private static byte[] readFile(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelMissingException("model file missing: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
