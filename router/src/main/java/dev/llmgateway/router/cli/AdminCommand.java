package dev.llmgateway.router.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What every command that talks to a running gateway's admin API shares: where the gateway is, the
 * admin key, raw JSON or a readable table, and one place that turns failures into a message on
 * standard error and a non-zero exit code (1 refused, 3 unreachable, 4 admin key; see
 * {@link AdminClient}).
 */
abstract class AdminCommand implements Callable<Integer> {

    @Option(names = "--server", defaultValue = "http://127.0.0.1:8080",
            description = "The gateway's base URL (default ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--admin-key", description = "The admin key; LLMGW_ADMIN_KEY is read when absent "
            + "(prefer the variable: options show in the process list).")
    String adminKey;

    @Option(names = "--json", description = "Print the admin API's JSON as it came.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Environment lookup; tests replace it. */
    UnaryOperator<String> env = System::getenv;

    /** Calls the admin API; the answer is printed raw with --json, else by {@link #render}. */
    abstract JsonNode fetch(AdminClient client);

    abstract void render(JsonNode body, PrintWriter out);

    Duration timeout() {
        return Duration.ofSeconds(30);
    }

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        URI uri;
        try {
            uri = URI.create(server.trim());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            err.println("--server must be an http(s) URL such as http://127.0.0.1:8080, not '" + server + "'.");
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        String key = adminKey != null && !adminKey.isBlank() ? adminKey.trim() : env.apply("LLMGW_ADMIN_KEY");
        if (key == null || key.isBlank()) {
            err.println("No admin key: pass --admin-key or set LLMGW_ADMIN_KEY (the gateway's security.admin-key).");
            err.flush();
            return AdminClient.EXIT_AUTH;
        }
        try (AdminClient client = new AdminClient(uri, key.trim(), timeout())) {
            JsonNode body = fetch(client);
            if (json) {
                out.println(AdminClient.pretty(body));
            } else {
                render(body, out);
            }
            out.flush();
            return CommandLine.ExitCode.OK;
        } catch (AdminClient.Failure f) {
            err.println(f.getMessage());
            err.flush();
            return f.exitCode();
        }
    }

    /** {@code provider/name}, checked so that a typo gives a usage message, not a 404 on an odd path. */
    static String[] splitId(String id, CommandLine.Model.CommandSpec spec) {
        String[] parts = id.split("/", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--id must look like provider/name (as list-accounts shows), not '" + id + "'.");
        }
        return parts;
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? "" : node.asText();
    }
}
