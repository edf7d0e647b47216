package dev.llmgateway.cost.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * POSTs every alert as JSON to the configured webhooks and the alert's own: {@code kind},
 * {@code org_id}, {@code at}, {@code title}, {@code text} and the alert's fields. A receiver that does
 * not answer 2xx is tried twice more (1 s, then 2 s later); then the alert is given up for that URL.
 */
public final class WebhookChannel implements AlertChannel {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 3;

    private final List<String> always;
    private final Duration timeout;
    private final HttpClient http;
    private final long backoffMillis;

    public WebhookChannel(List<String> always, Duration timeout) {
        this(always, timeout, 1000);
    }

    WebhookChannel(List<String> always, Duration timeout, long backoffMillis) {
        this.always = List.copyOf(always);
        this.timeout = timeout;
        this.backoffMillis = backoffMillis;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void deliver(Alert alert) throws IOException, InterruptedException {
        Set<String> urls = new LinkedHashSet<>(always);
        urls.addAll(alert.webhooks());
        if (urls.isEmpty()) {
            return;
        }
        byte[] body = JSON.writeValueAsBytes(body(alert));
        IOException failed = null;
        for (String url : urls) {
            try {
                post(URI.create(url), body);
            } catch (IOException e) {
                failed = e;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    static ObjectNode body(Alert alert) {
        ObjectNode o = JSON.createObjectNode().put("kind", alert.kind()).put("org_id", alert.orgId())
                .put("at", alert.at().toString()).put("title", alert.title()).put("text", alert.text());
        o.set("fields", JSON.valueToTree(alert.fields()));
        return o;
    }

    private void post(URI uri, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("content-type", "application/json")
                .header("user-agent", "llm-gateway-alerts").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        String last = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    return;
                }
                last = "HTTP " + response.statusCode();
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            if (attempt < ATTEMPTS) {
                Thread.sleep(backoffMillis * attempt);
            }
        }
        // the URL's host only: a webhook URL may carry a token in its path or query
        throw new IOException("webhook " + uri.getScheme() + "://" + uri.getHost() + " refused the alert after "
                + ATTEMPTS + " attempts (" + last + ")");
    }
}
