package dev.llmgateway.models.pipeline;

import dev.llmgateway.models.runtime.EncoderModel;
import dev.llmgateway.models.runtime.EncoderSession;
import dev.llmgateway.models.runtime.EncoderSettings;
import dev.llmgateway.models.runtime.Script;
import dev.llmgateway.models.runtime.SentenceEncoder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Embeds many texts on all cores and keeps the vectors in a cache file under {@code target/}, so a
 * second training or evaluation run does not pay for the 15k encoder calls again. With a Chinese
 * encoder, mostly-Han texts ({@link Script#mostlyHan}, as at inference) go through it instead of
 * the main encoder; each encoder has its own cache file.
 */
final class Embedder implements AutoCloseable {

    private final Cache main;
    private final Cache chinese;

    /** One encoder for every text. */
    Embedder(EncoderSettings settings, Path cacheFile) {
        this(settings, cacheFile, null, null);
    }

    /** {@code chineseModel} (may be null) embeds mostly-Han texts, cached in {@code chineseCacheFile}. */
    Embedder(EncoderSettings settings, Path cacheFile, EncoderModel chineseModel, Path chineseCacheFile) {
        this.main = new Cache(SentenceEncoder.fromClasspath(settings), cacheFile);
        Cache zh = null;
        if (chineseModel != null) {
            try {
                zh = new Cache(SentenceEncoder.fromClasspath(chineseModel, settings), chineseCacheFile);
            } catch (RuntimeException e) {
                main.close();
                throw e;
            }
        }
        this.chinese = zh;
    }

    EncoderSettings settings() {
        return main.encoder.settings();
    }

    /** The encoder for mostly-Han texts, or null when the main one embeds every text. */
    EncoderModel chineseModel() {
        return chinese == null ? null : chinese.encoder.spec();
    }

    /** Each text's vector, from the encoder its script picks. */
    List<float[]> embed(List<String> texts) {
        if (chinese == null) {
            return main.embed(texts);
        }
        List<String> zh = texts.stream().filter(Script::mostlyHan).toList();
        List<String> other = texts.stream().filter(t -> !Script.mostlyHan(t)).toList();
        chinese.embed(zh);
        main.embed(other);
        return texts.stream().map(t -> Script.mostlyHan(t) ? chinese.get(t) : main.get(t)).toList();
    }

    @Override
    public void close() {
        main.close();
        if (chinese != null) {
            chinese.close();
        }
    }

    /** One encoder with its cache. */
    private static final class Cache implements AutoCloseable {

        private final SentenceEncoder encoder;
        private final Path cacheFile;
        private final Map<String, float[]> cache = new ConcurrentHashMap<>();

        Cache(SentenceEncoder encoder, Path cacheFile) {
            this.encoder = encoder;
            this.cacheFile = cacheFile;
            load();
        }

        float[] get(String text) {
            return cache.get(text);
        }

        List<float[]> embed(List<String> texts) {
            List<String> missing = texts.stream().distinct().filter(t -> !cache.containsKey(t)).toList();
            if (!missing.isEmpty()) {
                compute(missing);
                save();
            }
            return texts.stream().map(cache::get).toList();
        }

        private void compute(List<String> texts) {
            PerCore.run(texts.size(), encoder::newSession,
                    (session, i) -> cache.put(texts.get(i), session.embed(texts.get(i))), "embedding");
        }

        private void load() {
            if (!Files.isRegularFile(cacheFile)) {
                return;
            }
            try (DataInputStream in = new DataInputStream(Files.newInputStream(cacheFile))) {
                int n = in.readInt();
                for (int i = 0; i < n; i++) {
                    String text = in.readUTF();
                    float[] v = new float[in.readInt()];
                    for (int d = 0; d < v.length; d++) {
                        v[d] = in.readFloat();
                    }
                    cache.put(text, v);
                }
            } catch (IOException e) {
                cache.clear(); // a damaged cache only costs time
            }
        }

        private void save() {
            try {
                Files.createDirectories(cacheFile.getParent());
                try (DataOutputStream out = new DataOutputStream(
                        new java.io.BufferedOutputStream(Files.newOutputStream(cacheFile)))) {
                    out.writeInt(cache.size());
                    for (Map.Entry<String, float[]> e : cache.entrySet()) {
                        out.writeUTF(e.getKey().length() > 20_000 ? e.getKey().substring(0, 20_000) : e.getKey());
                        out.writeInt(e.getValue().length);
                        for (float x : e.getValue()) {
                            out.writeFloat(x);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + cacheFile, e);
            }
        }

        @Override
        public void close() {
            encoder.close();
        }
    }
}
