package dev.llmgateway.router.server;

import io.helidon.webserver.http.ServerRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The address a request came from: the TCP peer. Headers such as {@code X-Forwarded-For} are
 * ignored on purpose, since any client can send them; networks on keys are checked against this.
 */
public final class ClientAddress {

    /** 0.0.0.0, for a caller whose address is not known: it falls in no network but 0.0.0.0/0. */
    public static final InetAddress UNKNOWN = unspecified();

    private ClientAddress() {
    }

    public static InetAddress of(ServerRequest req) {
        return req.remotePeer().address() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress() : UNKNOWN;
    }

    private static InetAddress unspecified() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an address", e);
        }
    }
}
