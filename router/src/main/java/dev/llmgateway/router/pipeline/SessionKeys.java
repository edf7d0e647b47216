package dev.llmgateway.router.pipeline;

import dev.llmgateway.core.chat.ChatRequest;
import dev.llmgateway.core.chat.Message;
import dev.llmgateway.core.chat.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The conversation a request belongs to, for session affinity: a session header (generic, Claude
 * Code's or Codex's), else a hash of the conversation's opening (system text and first user
 * message), which stays the same as the conversation grows. Scoped by the caller's key, so two
 * clients never share a session.
 */
final class SessionKeys {

    private static final List<String> HEADERS = List.of("x-session-id", "x-claude-code-session-id", "session-id");

    private SessionKeys() {
    }

    static Optional<String> of(GatewayExchange exchange) {
        String caller = exchange.caller().map(c -> c.keyId()).orElse("-");
        for (String h : HEADERS) {
            Optional<String> v = exchange.header(h).map(String::trim).filter(s -> !s.isEmpty());
            if (v.isPresent()) {
                return Optional.of(caller + "|" + v.get());
            }
        }
        return exchange.request().flatMap(SessionKeys::prefixHash).map(h -> caller + "|" + h);
    }

    static Optional<String> prefixHash(ChatRequest request) {
        StringBuilder opening = new StringBuilder();
        boolean sawUser = false;
        for (Message m : request.messages()) {
            if (m.role() == Role.SYSTEM || m.role() == Role.DEVELOPER) {
                opening.append("s:").append(m.plainText()).append('\n');
            } else if (m.role() == Role.USER) {
                opening.append("u:").append(m.plainText());
                sawUser = true;
                break;
            }
        }
        if (!sawUser) {
            return Optional.empty();
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(opening.toString().getBytes(StandardCharsets.UTF_8));
            return Optional.of(HexFormat.of().formatHex(d, 0, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
