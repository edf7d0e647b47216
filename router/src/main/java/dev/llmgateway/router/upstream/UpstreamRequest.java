package dev.llmgateway.router.upstream;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One HTTP request to an upstream, independent of the client library that sends it. */
public final class UpstreamRequest {

    private final String method;
    private final URI uri;
    private final List<String[]> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private java.util.Optional<URI> proxy = java.util.Optional.empty();

    private UpstreamRequest(String method, URI uri) {
        this.method = method;
        this.uri = Objects.requireNonNull(uri, "uri");
    }

    public static UpstreamRequest post(URI uri) {
        return new UpstreamRequest("POST", uri);
    }

    public static UpstreamRequest get(URI uri) {
        return new UpstreamRequest("GET", uri);
    }

    public UpstreamRequest header(String name, String value) {
        headers.add(new String[]{name, value});
        return this;
    }

    /** Sends the request through this HTTP proxy (the account's egress proxy) instead of directly. */
    public UpstreamRequest via(java.util.Optional<URI> httpProxy) {
        this.proxy = httpProxy;
        return this;
    }

    public java.util.Optional<URI> proxy() {
        return proxy;
    }

    public UpstreamRequest body(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    public String method() {
        return method;
    }

    public URI uri() {
        return uri;
    }

    /** Name/value pairs in the order they were added. */
    public List<String[]> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }
}
