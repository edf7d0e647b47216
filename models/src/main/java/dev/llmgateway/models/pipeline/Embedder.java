package dev.llmgateway.models.pipeline;

import dev.llmgateway.models.runtime.EncoderSession;
import dev.llmgateway.models.runtime.EncoderSettings;
import dev.llmgateway.models.runtime.SentenceEncoder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Embeds many texts on all cores and keeps the vectors in a cache file under {@code target/}, so a
 * second training or evaluation run does not pay for the 15k encoder calls again.
 */
final class Embedder implements AutoCloseable {

    private final SentenceEncoder encoder;
    private final Path cacheFile;
    private final Map<String, float[]> cache = new ConcurrentHashMap<>();

    Embedder(EncoderSettings settings, Path cacheFile) {
        this.encoder = SentenceEncoder.fromClasspath(settings);
        this.cacheFile = cacheFile;
        load();
    }

    EncoderSettings settings() {
        return encoder.settings();
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
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                parts.add(pool.submit(() -> {
                    try (EncoderSession session = encoder.newSession()) {
                        for (int i = offset; i < texts.size(); i += threads) {
                            cache.put(texts.get(i), session.embed(texts.get(i)));
                        }
                    }
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("embedding failed", e);
        } finally {
            pool.shutdown();
        }
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
