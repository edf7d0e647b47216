package dev.llmgateway.router.cli;

import dev.llmgateway.classifier.Classification;
import dev.llmgateway.classifier.Classifier;
import dev.llmgateway.router.route.AutoPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Streams a JSONL file of prompts through a {@link Classifier} and writes one result line per
 * valid prompt, in input order. Bad lines are reported on {@code err} and skipped; blank lines are
 * ignored. Prompts are read in chunks and classified by {@code parallelism} callers at a time, so
 * a large file neither fills memory nor overflows the classifier's bounded queue.
 *
 * <p>Not thread-safe: one file at a time.
 */
final class PromptFileClassifier {

    static final int CHUNK = 256;
    /** Far above any real inference; only a stuck worker reaches it. Routing uses the policy's budget instead. */
    static final Duration PER_PROMPT = Duration.ofSeconds(60);

    private final Classifier classifier;
    private final int parallelism;

    /** What happened to a file. */
    record Summary(int classified, int invalid, int failed) {
    }

    private static final class Tally {
        int classified;
        int failed;
    }

    PromptFileClassifier(Classifier classifier, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1: " + parallelism);
        }
        this.classifier = classifier;
        this.parallelism = parallelism;
    }

    Summary run(BufferedReader in, Writer out, PrintWriter err) throws IOException, InterruptedException {
        int number = 0;
        int invalid = 0;
        Tally done = new Tally();
        List<PromptLine> chunk = new ArrayList<>(CHUNK);
        try (ExecutorService callers = Executors.newFixedThreadPool(parallelism,
                r -> Thread.ofPlatform().name("classify-caller").daemon(true).unstarted(r))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1); // a byte-order mark some editors write
                }
                if (line.isBlank()) {
                    continue;
                }
                try {
                    chunk.add(PromptLine.parse(line, number));
                } catch (PromptLine.Invalid e) {
                    err.println(e.getMessage());
                    invalid++;
                }
                if (chunk.size() == CHUNK) {
                    classifyChunk(chunk, callers, out, err, done);
                }
            }
            classifyChunk(chunk, callers, out, err, done);
        }
        err.flush();
        return new Summary(done.classified, invalid, done.failed);
    }

    private void classifyChunk(List<PromptLine> chunk, ExecutorService callers, Writer out, PrintWriter err,
                               Tally done) throws IOException, InterruptedException {
        List<Future<Optional<Classification>>> results = new ArrayList<>(chunk.size());
        for (PromptLine p : chunk) {
            String text = AutoPolicy.classifierInput(p.text());
            results.add(callers.submit(() -> classifier.tryClassify(text, PER_PROMPT)));
        }
        for (int i = 0; i < chunk.size(); i++) {
            PromptLine p = chunk.get(i);
            Optional<Classification> c = await(results.get(i));
            if (c.isPresent()) {
                out.write(p.result(c.get()));
                out.write('\n');
                done.classified++;
            } else {
                err.println("line " + p.number() + ": the classifier gave no answer within " + PER_PROMPT.toSeconds()
                        + " s (busy, failed or unavailable)");
                done.failed++;
            }
        }
        out.flush();
        chunk.clear();
    }

    private static Optional<Classification> await(Future<Optional<Classification>> result) throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            return Optional.empty(); // tryClassify does not throw; this is a bug elsewhere, reported as a failed line
        }
    }
}
