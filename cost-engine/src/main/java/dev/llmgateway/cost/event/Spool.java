package dev.llmgateway.cost.event;

import dev.llmgateway.core.usage.UsageEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The local durable spool: events that could not be handed to the broker (or the store) yet, one
 * JSON line each in {@code spool.jsonl}, forced to disk before {@link #append} returns. Draining
 * renames the file to a numbered segment first, so appends never wait for a delivery, then delivers
 * segments oldest first and deletes each only after it was delivered in full; a segment left behind
 * by a crash is delivered at the next start. Thread-safe.
 */
public final class Spool {

    private static final Logger LOG = Logger.getLogger("llmgw.usage");

    private final Path dir;
    private final Path active;

    public Spool(Path dir) {
        this.dir = dir;
        this.active = dir.resolve("spool.jsonl");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the usage spool directory " + dir, e);
        }
    }

    /** Appends and forces the events to disk. */
    public synchronized void append(List<UsageEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (UsageEvent e : events) {
            sb.append(new String(UsageJson.bytes(e), StandardCharsets.UTF_8)).append('\n');
        }
        try (FileChannel ch = FileChannel.open(active, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the usage spool " + active, e);
        }
    }

    /** True when nothing waits in the spool. */
    public synchronized boolean isEmpty() {
        return segments().isEmpty() && size(active) == 0;
    }

    /** Events waiting (counted by lines), for health and tests. */
    public synchronized long pending() {
        long n = 0;
        List<Path> all = new ArrayList<>(segments());
        all.add(active);
        for (Path p : all) {
            if (Files.exists(p)) {
                try (Stream<String> lines = Files.lines(p)) {
                    n += lines.filter(l -> !l.isBlank()).count();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return n;
    }

    /**
     * Delivers everything spooled so far, oldest first, in batches of at most {@code batchSize};
     * stops at the first batch {@code deliver} throws for, keeping it and what follows. Returns how
     * many events were delivered. A line that is not an event is logged and skipped.
     */
    public long drain(int batchSize, Consumer<List<UsageEvent>> deliver) {
        rotate();
        long delivered = 0;
        for (Path segment : segments()) {
            List<UsageEvent> events = read(segment);
            int done = 0;
            try {
                while (done < events.size()) {
                    List<UsageEvent> batch = events.subList(done, Math.min(events.size(), done + batchSize));
                    deliver.accept(batch);
                    done += batch.size();
                    delivered += batch.size();
                }
            } catch (RuntimeException e) {
                keepTail(segment, events.subList(done, events.size()));
                throw e;
            }
            try {
                Files.deleteIfExists(segment);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return delivered;
    }

    private synchronized void rotate() {
        if (size(active) == 0) {
            return;
        }
        try {
            Files.move(active, dir.resolve(String.format("segment-%019d.jsonl", System.nanoTime())),
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rotate the usage spool", e);
        }
    }

    private List<Path> segments() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<UsageEvent> read(Path segment) {
        List<UsageEvent> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(segment, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(UsageJson.parse(line.getBytes(StandardCharsets.UTF_8)));
                } catch (UsageJson.MalformedEvent e) {
                    LOG.warning(() -> "usage spool " + segment.getFileName() + ": skipped a line that is not an event ("
                            + e.getMessage() + ")");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void keepTail(Path segment, List<UsageEvent> rest) {
        StringBuilder sb = new StringBuilder();
        rest.forEach(e -> sb.append(new String(UsageJson.bytes(e), StandardCharsets.UTF_8)).append('\n'));
        try {
            Path tmp = segment.resolveSibling(segment.getFileName() + ".tmp");
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, segment, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
