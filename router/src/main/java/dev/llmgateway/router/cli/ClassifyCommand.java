package dev.llmgateway.router.cli;

import dev.llmgateway.classifier.Classifier;
import dev.llmgateway.classifier.ClassifierSettings;
import dev.llmgateway.router.log.LogSetup;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code llm-gateway classify --input IN.jsonl [--output OUT.jsonl]}: scores a file of prompts with
 * the classifier that {@code "model": "auto"} routing uses (the shipped models, the gateway's
 * default settings, the same text clipping), so anyone can evaluate it on their own data.
 *
 * <p>Exit codes: 0 every line classified; 2 some lines were invalid (each named on standard
 * error, nothing written for them, the rest written) or a usage error; 1 nothing could be done or
 * finished: unreadable input, unwritable output, models missing, or a prompt left unanswered.
 */
@Command(name = "classify", description = {
        "Classify a JSONL file of prompts (one {\"id\", \"text\" or \"prompt\"} object per line) with the routing "
                + "classifier; writes {\"id\", \"language\", \"intent\", \"intent_confidence\", \"complexity\"} per line, "
                + "in input order.",
        "Invalid lines are reported on standard error and skipped (exit code 2); blank lines are ignored."})
final class ClassifyCommand implements Callable<Integer> {

    static final int EXIT_FAILED = 1;
    static final int EXIT_INVALID_LINES = 2;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE",
            description = "JSONL prompts to classify, UTF-8; '-' reads standard input.")
    String input;

    @Option(names = {"-o", "--output"}, defaultValue = "-", paramLabel = "FILE",
            description = "Where to write the results (JSONL, UTF-8); '-' or absent: standard output.")
    String output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The classifier settings the gateway runs with; there are no configuration keys for them yet. */
    ClassifierSettings settings = ClassifierSettings.defaults();

    /** How the classifier is loaded; tests replace it. */
    Supplier<Classifier> classifiers = () -> Classifier.onnx(settings);

    /** Resets java.util.logging to one-line warnings on standard error; tests leave the JVM's logging alone. */
    Runnable logging = () -> LogSetup.configure("WARNING");

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        logging.run(); // the model loader's warning is the one line worth seeing
        if (!isStdio(input) && !isStdio(output)
                && Path.of(input).toAbsolutePath().normalize().equals(Path.of(output).toAbsolutePath().normalize())) {
            err.println("classify: --output must differ from --input (" + input + " would be overwritten).");
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        try (BufferedReader in = openInput(); Writer out = openOutput()) {
            return classify(in, out, err);
        } catch (NoSuchFileException e) {
            return fail(err, "classify: no such file: " + e.getFile());
        } catch (IOException e) {
            return fail(err, "classify: " + e);
        }
    }

    private int classify(BufferedReader in, Writer out, PrintWriter err) throws IOException, InterruptedException {
        long start = System.nanoTime();
        try (Classifier classifier = classifiers.get()) {
            if (!classifier.available()) {
                return fail(err, "classify: the classifier's models could not be loaded (see the warning above), so "
                        + "nothing was classified; the gateway would route \"auto\" requests to each policy's fallback.");
            }
            long loaded = System.nanoTime();
            PromptFileClassifier.Summary s = new PromptFileClassifier(classifier, settings.workers()).run(in, out, err);
            double seconds = (System.nanoTime() - loaded) / 1e9;
            err.println(summary(s, seconds, (loaded - start) / 1e9));
            err.flush();
            if (s.failed() > 0) {
                return EXIT_FAILED;
            }
            return s.invalid() > 0 ? EXIT_INVALID_LINES : CommandLine.ExitCode.OK;
        }
    }

    static String summary(PromptFileClassifier.Summary s, double seconds, double loadSeconds) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "classify: %d prompts in %.2f s (%.1f prompts/s; models loaded in %.1f s)",
                s.classified(), seconds, seconds > 0 ? s.classified() / seconds : 0.0, loadSeconds));
        if (s.invalid() > 0) {
            sb.append("; ").append(s.invalid()).append(s.invalid() == 1 ? " invalid line" : " invalid lines")
                    .append(" skipped");
        }
        if (s.failed() > 0) {
            sb.append("; ").append(s.failed()).append(" unanswered");
        }
        return sb.toString();
    }

    private BufferedReader openInput() throws IOException {
        return new BufferedReader(new InputStreamReader(
                isStdio(input) ? System.in : Files.newInputStream(Path.of(input)), StandardCharsets.UTF_8));
    }

    private Writer openOutput() throws IOException {
        if (isStdio(output)) {
            return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)) {
                @Override
                public void close() throws IOException {
                    flush(); // standard output stays open for whoever else writes to it
                }
            };
        }
        return Files.newBufferedWriter(Path.of(output), StandardCharsets.UTF_8);
    }

    private static boolean isStdio(String name) {
        return name.equals("-");
    }

    private static int fail(PrintWriter err, String message) {
        err.println(message);
        err.flush();
        return EXIT_FAILED;
    }
}
