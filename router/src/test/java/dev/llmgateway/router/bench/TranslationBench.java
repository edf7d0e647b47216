package dev.llmgateway.router.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Stream translation throughput per upstream provider × client dialect × scenario: a recorded SSE
 * fixture through reader → translator → encoder (see {@link TranslationPair}), no network. The
 * primary score is whole streams per second; the {@code events} counter is upstream SSE events per
 * second and {@code bytes} upstream bytes per second. Not a test: run with
 * {@code bench/translation.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TranslationBench {

    @Param({"openai", "anthropic", "gemini"})
    public String upstream;

    @Param({"openai-chat", "anthropic", "gemini", "responses"})
    public String client;

    @Param({"text", "tools", "thinking"})
    public String scenario;

    private TranslationPair pair;

    @Setup
    public void setUp() {
        pair = TranslationPair.of(Upstream.byId(upstream), Client.byId(client), Scenario.byId(scenario));
    }

    @Benchmark
    public void translate(Blackhole out, Counters counters) {
        counters.events += pair.run(out::consume);
        counters.bytes += pair.fixtureBytes();
    }

    /** Per-iteration totals that JMH reports as rates next to the primary score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        /** Upstream SSE events translated. */
        public long events;
        /** Upstream bytes read. */
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            events = 0;
            bytes = 0;
        }
    }
}
