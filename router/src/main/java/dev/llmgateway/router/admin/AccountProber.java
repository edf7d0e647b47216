package dev.llmgateway.router.admin;

import dev.llmgateway.core.spi.Credential;
import dev.llmgateway.router.accounttype.AccountTypes;
import dev.llmgateway.router.accounttype.Preparation;
import dev.llmgateway.router.config.GatewayConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A cheap check of one account against its upstream: {@code GET {base-uri}/models} with the
 * account's credential where its account type puts it (Bearer for OpenAI-compatible APIs and OAuth
 * tokens, {@code x-api-key} plus {@code anthropic-version} for Anthropic, {@code x-goog-api-key} for
 * Gemini). Listing models costs no tokens. Thread-safe; one shared HTTP client with a short timeout.
 */
final class AccountProber implements AutoCloseable {

    /** What a probe found. */
    enum Outcome {
        /** A 2xx: the upstream is reachable and takes the credential. */
        HEALTHY,
        /** 401 or 403: the upstream refuses the credential. */
        CREDENTIALS_REJECTED,
        /** Any other status: reported, proves nothing about the account. */
        UNEXPECTED_STATUS,
        /** No answer within the timeout, or the connection failed. */
        UNREACHABLE,
        /** Not probed: an OAuth account without a usable token (not authorized yet, or revoked). */
        NO_CREDENTIAL
    }

    /** One probe's result; {@code httpStatus} is 0 without an answer. The detail never holds a secret. */
    record Result(Outcome outcome, int httpStatus, long latencyMillis, String detail) {
    }

    private final HttpClient client;
    private final java.util.Map<URI, HttpClient> viaProxy = new java.util.concurrent.ConcurrentHashMap<>();
    private final Duration timeout;
    private final AccountTypes types;

    AccountProber(Duration timeout, AccountTypes types) {
        this.timeout = timeout;
        this.types = types;
        this.client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Result probe(GatewayConfig.Provider provider, Optional<Credential> credential) {
        return probe(provider, credential, Optional.empty());
    }

    /** Probes through the account's egress proxy, as its requests go. */
    Result probe(GatewayConfig.Provider provider, Optional<Credential> credential, Optional<URI> proxy) {
        HttpRequest request = request(provider, credential);
        HttpClient via = proxy.map(p -> viaProxy.computeIfAbsent(p, x -> HttpClient.newBuilder().connectTimeout(timeout)
                .proxy(java.net.ProxySelector.of(new java.net.InetSocketAddress(x.getHost(), x.getPort())))
                .followRedirects(HttpClient.Redirect.NEVER).build())).orElse(client);
        long start = System.nanoTime();
        try {
            HttpResponse<Void> res = via.send(request, HttpResponse.BodyHandlers.discarding());
            long ms = (System.nanoTime() - start) / 1_000_000;
            int status = res.statusCode();
            if (status >= 200 && status < 300) {
                return new Result(Outcome.HEALTHY, status, ms, "listed models");
            }
            if (status == 401 || status == 403) {
                return new Result(Outcome.CREDENTIALS_REJECTED, status, ms, "upstream answered " + status);
            }
            return new Result(Outcome.UNEXPECTED_STATUS, status, ms, "upstream answered " + status);
        } catch (HttpTimeoutException e) {
            return new Result(Outcome.UNREACHABLE, 0, (System.nanoTime() - start) / 1_000_000,
                    "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Result(Outcome.UNREACHABLE, 0, (System.nanoTime() - start) / 1_000_000,
                    "connection failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Outcome.UNREACHABLE, 0, 0, "interrupted");
        }
    }

    static URI modelsUri(GatewayConfig.Provider provider) {
        String base = provider.baseUri().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/models");
    }

    private HttpRequest request(GatewayConfig.Provider provider, Optional<Credential> credential) {
        HttpRequest.Builder b = HttpRequest.newBuilder(modelsUri(provider)).timeout(timeout).GET()
                .header("Accept", "application/json");
        Map<String, String> headers = new LinkedHashMap<>(provider.headers());
        if (provider.type() == GatewayConfig.ProviderType.ANTHROPIC) {
            headers.put("anthropic-version", "2023-06-01");
        }
        Preparation prepared = Preparation.headersOnly(headers, credential.map(Credential::value));
        types.resolve(credential.map(Credential::type).orElse(Credential.API_KEY), provider).prepare(prepared);
        prepared.headers().forEach((name, value) -> {
            try {
                b.setHeader(name, value);
            } catch (IllegalArgumentException restricted) {
                // a header the HTTP client sets itself (host, connection, ...): not needed for a probe
            }
        });
        return b.build();
    }

    @Override
    public void close() {
        client.shutdownNow(); // do not wait for a probe that is still running
        viaProxy.values().forEach(HttpClient::shutdownNow);
    }
}
