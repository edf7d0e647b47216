package dev.llmgateway.router.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.llmgateway.router.config.ConfigLoader;
import dev.llmgateway.router.config.GatewayConfig;
import dev.llmgateway.router.demo.Simulator;
import dev.llmgateway.router.server.GatewayServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load through the account pool: three accounts on the simulator, one of which fails every third
 * request with 503 ({@code flaky} in its key), against the same pool with three healthy accounts.
 * Prints success rate and latency percentiles of both, and the latency a failover adds. Not a test:
 * run with {@code bench/pool-load.sh [requests] [concurrency]}.
 */
public final class PoolLoadBench {

    private PoolLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        try (Simulator sim = Simulator.start()) {
            run(sim, "sim-good-c", requests / 4, concurrency); // JIT warm-up of both paths
            run(sim, "sim-flaky-c", requests / 4, concurrency);
            Run healthy = run(sim, "sim-good-c", requests, concurrency);
            Run flaky = run(sim, "sim-flaky-c", requests, concurrency);
            System.out.printf("%-30s %9s %8s %8s %8s %8s%n", "pool", "requests", "success", "p50 ms", "p99 ms",
                    "mean ms");
            print("3 healthy accounts", healthy.all());
            print("2 healthy + 1 flaky: all", flaky.all());
            print("  served at the 1st attempt", flaky.first());
            print("  after a failover", flaky.failedOver());
            System.out.printf("failover share %.1f%%; a failover adds %.2f ms at the median%n",
                    100.0 * flaky.failedOver().total() / flaky.all().total(),
                    flaky.failedOver().percentile(0.5) - flaky.first().percentile(0.5));
        }
    }

    private record Run(Result all, Result first, Result failedOver) {
    }

    private static void print(String name, Result r) {
        System.out.printf("%-30s %9d %7.2f%% %8.2f %8.2f %8.2f%n", name, r.total(), 100.0 * r.ok() / r.total(),
                r.percentile(0.50), r.percentile(0.99), r.mean());
    }

    private record Result(int total, int ok, List<Double> millis) {
        double percentile(double p) {
            if (millis.isEmpty()) {
                return Double.NaN;
            }
            List<Double> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
        }

        double mean() {
            return millis.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }
    }

    private static Run run(Simulator sim, String thirdKey, int requests, int concurrency) throws Exception {
        Path dir = Files.createTempDirectory("llmgw-pool-bench");
        String yaml = """
                gateway: {data-dir: %s, access-log: false, log-level: warning}
                router:
                  server: {host: 127.0.0.1, port: 0}
                  retry: {max-attempts: 3, initial-backoff: 1ms, max-backoff: 2ms}
                  pool: {failure-threshold: 1000}
                  providers:
                    sim:
                      base-uri: %s
                      models: [fast]
                      strategy: round-robin
                      accounts:
                        - {name: a, api-key: sim-good-a}
                        - {name: b, api-key: sim-good-b}
                        - {name: c, api-key: %s}
                security:
                  client-keys: [{name: bench, key: lgw_bench_key_000000000000}]
                """.formatted(dir, sim.baseUri(), thirdKey);
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, new ObjectMapper().writeValueAsString(new ObjectMapper(new YAMLFactory()).readTree(yaml)));
        GatewayConfig config = ConfigLoader.load(Optional.of(file), Map.of());
        try (GatewayServer server = GatewayServer.start(config, Clock.systemUTC());
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
             ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/v1/chat/completions");
            // a different conversation each time: identical ones would stick to one account (session affinity)
            AtomicInteger seq = new AtomicInteger();
            java.util.function.Supplier<String> bodies = () -> "{\"model\":\"sim/fast\",\"messages\":[{\"role\":"
                    + "\"user\",\"content\":\"ping " + seq.incrementAndGet() + "\"}]}";
            warmUp(http, uri, bodies);
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger okFirst = new AtomicInteger();
            AtomicInteger okRetried = new AtomicInteger();
            List<Double> millis = Collections.synchronizedList(new ArrayList<>());
            List<Double> first = Collections.synchronizedList(new ArrayList<>());
            List<Double> retried = Collections.synchronizedList(new ArrayList<>());
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                done.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    int[] out = send(http, uri, bodies.get());
                    double ms = (System.nanoTime() - t0) / 1e6;
                    millis.add(ms);
                    (out[1] > 1 ? retried : first).add(ms);
                    if (out[0] == 200) {
                        ok.incrementAndGet();
                        (out[1] > 1 ? okRetried : okFirst).incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return new Run(new Result(requests, ok.get(), millis), new Result(first.size(), okFirst.get(), first),
                    new Result(retried.size(), okRetried.get(), retried));
        }
    }

    private static void warmUp(HttpClient http, URI uri, java.util.function.Supplier<String> bodies) {
        for (int i = 0; i < 300; i++) {
            send(http, uri, bodies.get());
        }
    }

    /** Status and the gateway's attempt count. */
    private static int[] send(HttpClient http, URI uri, String body) {
        try {
            HttpResponse<Void> res = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer lgw_bench_key_000000000000")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return new int[] {res.statusCode(),
                Integer.parseInt(res.headers().firstValue("x-gateway-attempts").orElse("1"))};
        } catch (Exception e) {
            return new int[] {-1, 1};
        }
    }
}
