package dev.llmgateway.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The RabbitMQ server for integration tests: 127.0.0.1:5672, guest/guest (override the port with
 * {@code LLMGW_TEST_RABBIT_PORT}). Absent, a test is skipped on a developer's machine and fails under
 * {@code CI=true}. Queue names are unique per test, so tests never see each other's messages.
 */
public final class TestBroker {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = Integer.parseInt(System.getenv().getOrDefault("LLMGW_TEST_RABBIT_PORT", "5672"));
    public static final String USER = "guest";
    public static final String PASSWORD = "guest";

    private TestBroker() {
    }

    /** Skips (or, under {@code CI=true}, fails) the calling test when RabbitMQ is not reachable. */
    public static void require() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, PORT), 2000);
        } catch (IOException e) {
            String message = "RabbitMQ is not reachable at " + HOST + ":" + PORT + " (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + "; under CI=true every service must be running");
            }
            Assumptions.abort(message + "; skipped outside CI");
        }
    }

    /** A queue name no other test uses. */
    public static String uniqueQueue() {
        return "llmgw.test." + UUID.randomUUID().toString().substring(0, 12);
    }
}
