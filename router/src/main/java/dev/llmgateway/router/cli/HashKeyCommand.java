package dev.llmgateway.router.cli;

import dev.llmgateway.security.keys.ApiKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code llm-gateway hash-key}: makes a new client key (or reads one from standard input) and prints
 * the {@code sha256:} hash to put in the configuration.
 */
@Command(name = "hash-key", description = "Generate a client key and print it with its hash for security.client-keys.")
final class HashKeyCommand implements Runnable {

    @Option(names = "--stdin", description = "Hash the key given on standard input instead of generating one.")
    boolean stdin;

    @Override
    public void run() {
        String key;
        if (stdin) {
            try {
                key = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read standard input", e);
            }
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("no key on standard input");
            }
            key = key.trim();
        } else {
            key = ApiKeys.generate();
            System.out.println("key:  " + key + "   (shown once: give it to the client)");
        }
        System.out.println("hash: " + ApiKeys.hash(key));
    }
}
