package dev.llmgateway.router.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code llm-gateway version}. */
@Command(name = "version", description = "Print the gateway's version and the Java runtime.")
final class VersionCommand implements Runnable {

    @Override
    public void run() {
        System.out.println("llm-gateway " + version() + " (Java " + Runtime.version() + ")");
    }

    static String version() {
        try (InputStream in = VersionCommand.class.getResourceAsStream("/dev/llmgateway/router/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"llm-gateway " + version()};
        }
    }
}
