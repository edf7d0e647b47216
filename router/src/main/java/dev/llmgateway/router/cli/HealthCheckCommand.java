package dev.llmgateway.router.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Command;

/**
 * {@code llm-gateway health-check}: has the gateway probe every account's upstream now; a passing
 * probe brings back an account disabled by rejected credentials.
 */
@Command(name = "health-check", description = "Probe every account's upstream now and show the results.")
final class HealthCheckCommand extends AdminCommand {

    @Override
    Duration timeout() {
        return Duration.ofSeconds(60); // the gateway waits for its slowest probe
    }

    @Override
    JsonNode fetch(AdminClient client) {
        return client.post("/health-check");
    }

    @Override
    void render(JsonNode body, PrintWriter out) {
        out.print(AdminViews.healthCheck(body));
    }
}
