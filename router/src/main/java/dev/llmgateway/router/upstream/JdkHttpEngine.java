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

    public JdkHttpEngine(URI baseUri, Duration connectTimeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER)
                // plain http:// upstreams get HTTP/1.1 directly instead of an h2c upgrade attempt
                .version("https".equals(baseUri.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .build();
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
            HttpResponse<BodyChannel> response = client.send(b.build(), info -> new BodyChannel());
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
        executor.shutdownNow();
    }
}
