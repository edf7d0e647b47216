package dev.llmgateway.core.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Incremental server-sent-events parser (WHATWG rules): bytes in any slicing, lines ended by LF,
 * CRLF or CR, {@code data:} lines joined with LF, comments ignored, an event dispatched at a blank
 * line. Not thread-safe: one reader per stream. Does no I/O.
 */
public final class SseReader {

    private byte[] line = new byte[256];
    private int lineLength;
    private boolean lastWasCr;
    private String eventType;
    private StringBuilder data;
    private boolean anyField;

    /** Feeds the next bytes; complete events go to {@code out} as they are found. */
    public void feed(ByteBuffer bytes, Consumer<SseEvent> out) {
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            if (b == '\n') {
                if (lastWasCr) {
                    lastWasCr = false;
                    continue;
                }
                endLine(out);
            } else if (b == '\r') {
                lastWasCr = true;
                endLine(out);
            } else {
                lastWasCr = false;
                if (lineLength == line.length) {
                    line = Arrays.copyOf(line, line.length * 2);
                }
                line[lineLength++] = b;
            }
        }
    }

    public void feed(byte[] bytes, Consumer<SseEvent> out) {
        feed(ByteBuffer.wrap(bytes), out);
    }

    /** True when bytes of an event were read that no blank line has ended yet. */
    public boolean hasPartialEvent() {
        return lineLength > 0 || anyField;
    }

    private void endLine(Consumer<SseEvent> out) {
        if (lineLength == 0) {
            dispatch(out);
            return;
        }
        int colon = -1;
        for (int i = 0; i < lineLength; i++) {
            if (line[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon == 0) {
            lineLength = 0; // comment
            return;
        }
        String field;
        String value;
        if (colon < 0) {
            field = new String(line, 0, lineLength, StandardCharsets.UTF_8);
            value = "";
        } else {
            field = new String(line, 0, colon, StandardCharsets.UTF_8);
            int start = colon + 1;
            if (start < lineLength && line[start] == ' ') {
                start++;
            }
            value = new String(line, start, lineLength - start, StandardCharsets.UTF_8);
        }
        lineLength = 0;
        switch (field) {
            case "event" -> {
                eventType = value;
                anyField = true;
            }
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value.length());
                } else {
                    data.append('\n');
                }
                data.append(value);
                anyField = true;
            }
            default -> {
                // "id", "retry" and unknown fields carry nothing the gateway uses.
            }
        }
    }

    private void dispatch(Consumer<SseEvent> out) {
        if (data != null) {
            out.accept(new SseEvent(eventType == null || eventType.isEmpty() ? "message" : eventType,
                    data.toString()));
        }
        eventType = null;
        data = null;
        anyField = false;
    }
}
