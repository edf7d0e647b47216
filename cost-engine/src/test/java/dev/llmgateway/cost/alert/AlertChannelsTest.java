package dev.llmgateway.cost.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Webhook and SMTP delivery against receivers on 127.0.0.1. */
class AlertChannelsTest {

    private static final Alert ALERT = new Alert("budget.threshold", "org_x", Instant.parse("2026-12-04T10:00:00Z"),
            "budget bud_1 reached 80%", "Spent 8 of 10 USD.\n.a line starting with a dot",
            Map.of("threshold_percent", 80), List.of(), List.of("ops@example.com"));

    @Test
    void webhook_postsJsonAndRetriesAfterAFailure() throws Exception {
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            if (calls.incrementAndGet() == 1) {
                ex.sendResponseHeaders(503, -1);
            } else {
                received.add(new ObjectMapper().readTree(body));
                ex.sendResponseHeaders(200, -1);
            }
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
            new WebhookChannel(List.of(url), Duration.ofSeconds(2), 10).deliver(ALERT);
            assertEquals(2, calls.get());
            assertEquals(1, received.size());
            JsonNode j = received.get(0);
            assertEquals("budget.threshold", j.path("kind").asText());
            assertEquals("org_x", j.path("org_id").asText());
            assertEquals("2026-12-04T10:00:00Z", j.path("at").asText());
            assertEquals(80, j.path("fields").path("threshold_percent").asInt());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void webhook_receiverAlwaysFailing_givesUpWithoutLeakingThePath() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger calls = new AtomicInteger();
        server.createContext("/", ex -> {
            calls.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/secret-token-123";
            IOException e = assertThrows(IOException.class,
                    () -> new WebhookChannel(List.of(url), Duration.ofSeconds(2), 10).deliver(ALERT));
            assertEquals(3, calls.get());
            assertTrue(!e.getMessage().contains("secret-token-123"), e.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void smtp_sendsOneMessageToConfiguredAndAlertAddressesWithDotStuffing() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            List<String> lines = new ArrayList<>();
            Thread fake = Thread.ofPlatform().start(() -> serveOneSession(listener, lines));
            new SmtpChannel(new AlertSettings.Smtp("127.0.0.1", listener.getLocalPort(), "gateway@example.com"),
                    List.of("finance@example.com"), Duration.ofSeconds(5)).deliver(ALERT);
            fake.join(5000);
            assertEquals("EHLO llm-gateway", lines.get(0));
            assertEquals("MAIL FROM:<gateway@example.com>", lines.get(1));
            assertEquals("RCPT TO:<finance@example.com>", lines.get(2));
            assertEquals("RCPT TO:<ops@example.com>", lines.get(3));
            assertEquals("DATA", lines.get(4));
            assertTrue(lines.contains("Subject: [llm-gateway] budget bud_1 reached 80%"), lines.toString());
            assertTrue(lines.contains("..a line starting with a dot"), lines.toString());
            assertTrue(lines.contains("threshold_percent: 80"), lines.toString());
            assertEquals("QUIT", lines.get(lines.size() - 1));
        }
    }

    @Test
    void smtp_serverRefusesRecipient_failsNamingTheStep() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread fake = Thread.ofPlatform().start(() -> {
                try (Socket s = listener.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                    OutputStream out = s.getOutputStream();
                    reply(out, "220 fake ready");
                    in.readLine();
                    reply(out, "250-fake\r\n250 OK");
                    in.readLine();
                    reply(out, "250 OK");
                    in.readLine();
                    reply(out, "550 no such user");
                } catch (IOException ignored) {
                    // the client closes
                }
            });
            IOException e = assertThrows(IOException.class, () -> new SmtpChannel(new AlertSettings.Smtp("127.0.0.1",
                    listener.getLocalPort(), "g@example.com"), List.of(), Duration.ofSeconds(5)).deliver(ALERT));
            assertTrue(e.getMessage().contains("550 no such user at RCPT"), e.getMessage());
            fake.join(5000);
        }
    }

    @Test
    void alerts_failingChannelDoesNotStopTheOthers() throws Exception {
        List<Alert> seen = new CopyOnWriteArrayList<>();
        AlertChannel broken = new AlertChannel() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public void deliver(Alert alert) throws IOException {
                throw new IOException("down");
            }
        };
        AlertChannel ok = new AlertChannel() {
            @Override
            public String name() {
                return "ok";
            }

            @Override
            public void deliver(Alert alert) {
                seen.add(alert);
            }
        };
        try (Alerts alerts = new Alerts(List.of(broken, ok))) {
            alerts.raise(ALERT);
            assertTrue(alerts.drain(5000));
            assertEquals(List.of(ALERT), seen);
        }
    }

    /** A minimal SMTP server: records every line the client sends, accepts everything. */
    private static void serveOneSession(ServerSocket listener, List<String> lines) {
        try (Socket s = listener.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            reply(out, "220 fake ESMTP");
            boolean data = false;
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
                if (data) {
                    if (line.equals(".")) {
                        data = false;
                        reply(out, "250 queued");
                    }
                } else if (line.startsWith("EHLO")) {
                    reply(out, "250-fake\r\n250 8BITMIME");
                } else if (line.equals("DATA")) {
                    data = true;
                    reply(out, "354 go on");
                } else if (line.equals("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "250 OK");
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
