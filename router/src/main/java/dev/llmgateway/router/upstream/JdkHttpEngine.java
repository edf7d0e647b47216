package dev.llmgateway.router.upstream;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** {@link HttpEngine} on the JDK's {@code java.net.http.HttpClient} (HTTP/2 for https, HTTP/1.1 otherwise). */
public final class JdkHttpEngine implements HttpEngine {

    private final HttpClient client;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final URI baseUri;
    private final Duration connectTimeout;
    /** One pooled client per egress proxy that accounts of this provider use. */
    private final java.util.concurrent.ConcurrentHashMap<URI, HttpClient> viaProxy =
            new java.util.concurrent.ConcurrentHashMap<>();

    public JdkHttpEngine(URI baseUri, Duration connectTimeout) {
        this.baseUri = baseUri;
        this.connectTimeout = connectTimeout;
        this.client = builder().build();
    }

    private HttpClient.Builder builder() {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER)
                // plain http:// upstreams get HTTP/1.1 directly instead of an h2c upgrade attempt
                .version("https".equals(baseUri.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1);
    }

    private HttpClient clientFor(UpstreamRequest request) {
        return request.proxy().map(p -> viaProxy.computeIfAbsent(p, proxy -> builder()
                .proxy(java.net.ProxySelector.of(new java.net.InetSocketAddress(proxy.getHost(), proxy.getPort())))
                .build())).orElse(client);
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request, Duration firstByte) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri()).timeout(firstByte);
        for (String[] h : request.headers()) {
            b.header(h[0], h[1]);
        }
        b.method(request.method(), request.method().equals("GET") ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        try {
            HttpResponse<BodyChannel> response = clientFor(request).send(b.build(), info -> new BodyChannel());
            return new UpstreamResponse(response.statusCode(), name -> response.headers().firstValue(name),
                    response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the upstream");
        }
    }

    @Override
    public void close() {
        client.shutdownNow();
        viaProxy.values().forEach(HttpClient::shutdownNow);
        executor.shutdownNow();
    }
}
