package dev.llmgateway.router.bench;

import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.spi.ChunkEncoder;
import dev.llmgateway.core.stream.SseEvent;
import dev.llmgateway.core.stream.SseReader;
import dev.llmgateway.core.stream.StreamTranslator;
import java.util.function.Consumer;

/**
 * One translation benchmark case: a recorded upstream stream run through the chain the gateway
 * runs per streamed answer — {@link SseReader}, the upstream's {@link StreamTranslator}, the client
 * dialect's {@link ChunkEncoder}, all three fresh per stream. Pure: the fixture is fed as one
 * buffer, nothing is written anywhere but to the caller's consumer.
 */
final class TranslationPair {

    private final Upstream upstream;
    private final Client client;
    private final Scenario scenario;
    private final byte[] fixture;
    private final ChatRequest request;

    private TranslationPair(Upstream upstream, Client client, Scenario scenario) {
        this.upstream = upstream;
        this.client = client;
        this.scenario = scenario;
        this.fixture = upstream.fixture(scenario);
        this.request = client.request();
    }

    static TranslationPair of(Upstream upstream, Client client, Scenario scenario) {
        return new TranslationPair(upstream, client, scenario);
    }

    /** Size of the recorded upstream body. */
    int fixtureBytes() {
        return fixture.length;
    }

    /**
     * Translates the recorded stream once. Every encoded piece, then the dialect's end of stream,
     * goes to {@code out}. Returns the number of upstream SSE events read; throws when the
     * translator did not see the upstream's end, so a broken case cannot pass for a fast one.
     */
    int run(Consumer<byte[]> out) {
        Feed feed = new Feed(upstream.newTranslator(), client.codec().newChunkEncoder(request), out);
        new SseReader().feed(fixture, feed);
        if (!feed.translator.finished()) {
            throw new IllegalStateException(this + ": the translator did not see the end of the stream");
        }
        out.accept(feed.encoder.end());
        return feed.events;
    }

    @Override
    public String toString() {
        return upstream.id() + " -> " + client.id() + " (" + scenario.id() + ")";
    }

    /** Per-stream state: each upstream event translated, each chunk encoded at once. */
    private static final class Feed implements Consumer<SseEvent> {
        private final StreamTranslator translator;
        private final ChunkEncoder encoder;
        private final Consumer<byte[]> out;
        private int events;

        Feed(StreamTranslator translator, ChunkEncoder encoder, Consumer<byte[]> out) {
            this.translator = translator;
            this.encoder = encoder;
            this.out = out;
        }

        @Override
        public void accept(SseEvent event) {
            events++;
            translator.onEvent(event, chunk -> out.accept(encoder.encode(chunk)));
        }
    }
}
