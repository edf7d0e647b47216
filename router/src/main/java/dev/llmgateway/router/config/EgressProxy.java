package dev.llmgateway.router.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * An account's egress proxy: {@code http://host:port} (an HTTP proxy; https upstreams are tunnelled
 * through it with CONNECT). Credentials in the URI are refused: they would end up in logs and views.
 */
public final class EgressProxy {

    private EgressProxy() {
    }

    /** Empty for empty text; the URI when valid; otherwise the problem, as a message, in {@code why}. */
    public static Optional<URI> parse(String text, java.util.function.Consumer<String> why) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI u = new URI(t);
            if (!"http".equals(u.getScheme()) || u.getHost() == null || u.getPort() < 1 || u.getUserInfo() != null
                    || (u.getPath() != null && !u.getPath().isEmpty() && !u.getPath().equals("/"))) {
                why.accept("must be http://host:port (an HTTP proxy, without credentials or path)");
                return Optional.empty();
            }
            return Optional.of(URI.create("http://" + u.getHost() + ":" + u.getPort()));
        } catch (URISyntaxException e) {
            why.accept("must be http://host:port");
            return Optional.empty();
        }
    }

    static Optional<URI> read(ConfigReader r, String path, String text) {
        return parse(text, why -> r.problem(path, why));
    }
}
