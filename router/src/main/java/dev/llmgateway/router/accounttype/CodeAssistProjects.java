package dev.llmgateway.router.accounttype;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The Code Assist project of each Gemini CLI account that has none configured, looked up with
 * {@code loadCodeAssist} the first time the account is used and kept for the life of the process
 * (per account and endpoint). Single-flight: concurrent first requests make one lookup and share its
 * answer; a failed lookup (not onboarded, a rejected token, the endpoint down) is not kept, so the
 * next request asks again. The project is not looked up again after a token refresh or an upstream
 * 401/403: a Google user's Code Assist project does not change with the token. Thread-safe.
 */
final class CodeAssistProjects {

    private static final Logger LOG = Logger.getLogger(CodeAssistProjects.class.getName());

    private final Map<String, CompletableFuture<String>> projects = new ConcurrentHashMap<>();

    /** The project of {@code account} at {@code base}, from {@code lookup} unless known already. */
    String project(String account, URI base, Supplier<JsonNode> lookup) {
        String key = account + " " + base;
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> known = projects.putIfAbsent(key, mine);
        if (known != null) {
            try {
                return known.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }
        try {
            String project = CodeAssist.projectFrom(lookup.get());
            mine.complete(project);
            LOG.info(() -> "account " + account + ": Code Assist project found with loadCodeAssist");
            return project;
        } catch (RuntimeException e) {
            projects.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** Forgets every project found (for tests and an operator's reset). */
    void clear() {
        projects.clear();
    }
}
