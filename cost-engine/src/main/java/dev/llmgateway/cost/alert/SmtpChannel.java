package dev.llmgateway.cost.alert;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Sends every alert as a plain-text e-mail through an SMTP server (RFC 5321: EHLO, MAIL FROM, RCPT
 * TO, DATA, QUIT) to the configured addresses and the alert's own, in one message. Meant for a
 * local relay: no TLS and no authentication.
 */
public final class SmtpChannel implements AlertChannel {

    private final AlertSettings.Smtp server;
    private final List<String> always;
    private final Duration timeout;

    public SmtpChannel(AlertSettings.Smtp server, List<String> always, Duration timeout) {
        this.server = server;
        this.always = List.copyOf(always);
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public void deliver(Alert alert) throws IOException {
        Set<String> to = new LinkedHashSet<>(always);
        to.addAll(alert.emails());
        if (to.isEmpty()) {
            return;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.host(), server.port()), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            expect(in, 220, "greeting");
            command(out, in, "EHLO llm-gateway", 250);
            command(out, in, "MAIL FROM:<" + address(server.from()) + ">", 250);
            for (String rcpt : to) {
                command(out, in, "RCPT TO:<" + address(rcpt) + ">", 250);
            }
            command(out, in, "DATA", 354);
            out.write(message(alert, to).getBytes(StandardCharsets.UTF_8));
            out.flush();
            expect(in, 250, "message");
            command(out, in, "QUIT", 221);
        }
    }

    String message(Alert alert, Set<String> to) {
        StringBuilder m = new StringBuilder();
        m.append("From: ").append(address(server.from())).append("\r\n");
        m.append("To: ").append(String.join(", ", to.stream().map(SmtpChannel::address).toList())).append("\r\n");
        m.append("Subject: [llm-gateway] ").append(oneLine(alert.title())).append("\r\n");
        m.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(alert.at().atOffset(ZoneOffset.UTC)))
                .append("\r\n");
        m.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n");
        m.append("\r\n");
        StringBuilder body = new StringBuilder(alert.text()).append("\n\n");
        alert.fields().forEach((k, v) -> body.append(k).append(": ").append(v).append('\n'));
        for (String line : body.toString().split("\r?\n", -1)) {
            // dot-stuffing (RFC 5321 4.5.2): a line starting with '.' gets another
            m.append(line.startsWith(".") ? "." + line : line).append("\r\n");
        }
        m.append(".\r\n");
        return m.toString();
    }

    private static void command(OutputStream out, BufferedReader in, String line, int expected) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        expect(in, expected, line.split("[ :]")[0]);
    }

    /** Reads one (possibly multi-line) reply and checks its code. */
    private static void expect(BufferedReader in, int expected, String step) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("the SMTP server closed the connection at " + step);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        int code;
        try {
            code = Integer.parseInt(line.substring(0, Math.min(3, line.length())));
        } catch (NumberFormatException e) {
            throw new IOException("the SMTP server answered '" + oneLine(line) + "' at " + step, e);
        }
        if (code != expected && !(expected == 250 && code == 251)) {
            throw new IOException("the SMTP server answered " + oneLine(line) + " at " + step);
        }
    }

    private static String address(String a) {
        return oneLine(a).replace("<", "").replace(">", "").trim();
    }

    private static String oneLine(String s) {
        return s.replace('\r', ' ').replace('\n', ' ');
    }
}
