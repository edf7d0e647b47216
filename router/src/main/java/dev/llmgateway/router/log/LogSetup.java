package dev.llmgateway.router.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** One-line log records on standard error: time, level, logger, message (and a stack trace if any). */
public final class LogSetup {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** Held here: java.util.logging forgets the level of a logger nobody references. */
    private static final java.util.List<Logger> QUIET = java.util.List.of(Logger.getLogger("io.helidon"),
            Logger.getLogger("org.flywaydb"), Logger.getLogger("com.zaxxer.hikari"));

    private LogSetup() {
    }

    public static void configure(String level) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Level lvl = Level.parse(level);
        root.setLevel(lvl);
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(lvl);
        handler.setFormatter(new OneLine());
        root.addHandler(handler);
        // Helidon's and Flyway's start-up chatter is noise at INFO; our Database logs what migrations ran.
        Level quiet = lvl.intValue() < Level.INFO.intValue() ? lvl : Level.WARNING;
        QUIET.forEach(l -> l.setLevel(quiet));
    }

    private static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord r) {
            StringBuilder sb = new StringBuilder(128);
            String name = r.getLoggerName() == null ? "" : r.getLoggerName();
            sb.append(TIME.format(Instant.ofEpochMilli(r.getMillis()))).append(' ')
                    .append(r.getLevel().getName()).append(' ')
                    .append(name.substring(name.lastIndexOf('.') + 1)).append(": ")
                    .append(formatMessage(r)).append('\n');
            if (r.getThrown() != null) {
                StringWriter sw = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(sw));
                sb.append(sw);
            }
            return sb.toString();
        }
    }
}
