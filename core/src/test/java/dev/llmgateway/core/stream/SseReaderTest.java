package dev.llmgateway.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseReaderTest {

    private static final String STREAM = ""
            + ": keep-alive comment\n"
            + "event: message_start\n"
            + "data: {\"a\":1}\n"
            + "\n"
            + "data: first line\n"
            + "data: second line\n"
            + "id: 42\n"
            + "retry: 1000\n"
            + "\n"
            + "data:no-space\n"
            + "\n"
            + "event: ping\n"
            + "\n"
            + "data: héllo wörld ✓ 🎉\n"
            + "\n"
            + "data: [DONE]\n"
            + "\n";

    private static final List<SseEvent> EXPECTED = List.of(
            new SseEvent("message_start", "{\"a\":1}"),
            new SseEvent("message", "first line\nsecond line"),
            new SseEvent("message", "no-space"),
            new SseEvent("message", "héllo wörld ✓ 🎉"),
            new SseEvent("message", "[DONE]"));

    private static List<SseEvent> parseWhole(String text) {
        List<SseEvent> out = new ArrayList<>();
        new SseReader().feed(text.getBytes(StandardCharsets.UTF_8), out::add);
        return out;
    }

    @Test
    void feed_wholeStreamAtOnce_dispatchesEveryEventWithData() {
        assertEquals(EXPECTED, parseWhole(STREAM));
    }

    @Test
    void feed_oneByteAtATime_givesSameEventsAsWholeStream() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        SseReader reader = new SseReader();
        List<SseEvent> out = new ArrayList<>();
        for (byte b : bytes) {
            reader.feed(new byte[] {b}, out::add);
        }
        assertEquals(EXPECTED, out);
        assertFalse(reader.hasPartialEvent());
    }

    @Test
    void feed_splitAtEveryPossibleBoundary_givesSameEvents() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            SseReader reader = new SseReader();
            List<SseEvent> out = new ArrayList<>();
            reader.feed(ByteBuffer.wrap(bytes, 0, cut), out::add);
            reader.feed(ByteBuffer.wrap(bytes, cut, bytes.length - cut), out::add);
            assertEquals(EXPECTED, out, "split at byte " + cut);
        }
    }

    @Test
    void feed_randomSlices_givesSameEvents() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        Random random = new Random(1234);
        for (int round = 0; round < 200; round++) {
            SseReader reader = new SseReader();
            List<SseEvent> out = new ArrayList<>();
            int pos = 0;
            while (pos < bytes.length) {
                int len = Math.min(bytes.length - pos, 1 + random.nextInt(17));
                reader.feed(ByteBuffer.wrap(bytes, pos, len), out::add);
                pos += len;
            }
            assertEquals(EXPECTED, out, "round " + round);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void feed_anyLineEnding_parsesTheSameEvents(String eol) {
        String text = "event: delta" + eol + "data: a" + eol + "data: b" + eol + eol
                + "data: c" + eol + eol;
        List<SseEvent> expected = List.of(new SseEvent("delta", "a\nb"), new SseEvent("message", "c"));
        assertEquals(expected, parseWhole(text));

        // and byte by byte, so a CRLF split between feeds is not read as two line ends
        SseReader reader = new SseReader();
        List<SseEvent> out = new ArrayList<>();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            reader.feed(new byte[] {b}, out::add);
        }
        assertEquals(expected, out);
    }

    @Test
    void feed_crlfSplitBetweenFeeds_doesNotEndTheEventEarly() {
        SseReader reader = new SseReader();
        List<SseEvent> out = new ArrayList<>();
        reader.feed("data: a\r".getBytes(StandardCharsets.US_ASCII), out::add);
        reader.feed("\ndata: b\r".getBytes(StandardCharsets.US_ASCII), out::add);
        reader.feed("\n\r\n".getBytes(StandardCharsets.US_ASCII), out::add);
        assertEquals(List.of(new SseEvent("message", "a\nb")), out);
    }

    @Test
    void feed_mixedLineEndings_parsesEachEvent() {
        assertEquals(List.of(new SseEvent("message", "a"), new SseEvent("message", "b"), new SseEvent("message", "c")),
                parseWhole("data: a\r\n\r\ndata: b\r\rdata: c\n\n"));
    }

    @Test
    void feed_commentsOnly_dispatchesNothing() {
        SseReader reader = new SseReader();
        List<SseEvent> out = new ArrayList<>();
        reader.feed(": ping\n\n:another\n\n".getBytes(StandardCharsets.US_ASCII), out::add);
        assertTrue(out.isEmpty());
        assertFalse(reader.hasPartialEvent());
    }

    @Test
    void feed_commentBetweenDataLines_isIgnored() {
        assertEquals(List.of(new SseEvent("message", "a\nb")), parseWhole("data: a\n: note\ndata: b\n\n"));
    }

    @Test
    void feed_dataWithoutSpaceAfterColon_keepsWholeValue() {
        assertEquals(List.of(new SseEvent("message", "{\"x\":1}")), parseWhole("data:{\"x\":1}\n\n"));
    }

    @Test
    void feed_dataWithTwoSpacesAfterColon_removesOnlyOne() {
        assertEquals(List.of(new SseEvent("message", " x")), parseWhole("data:  x\n\n"));
    }

    @Test
    void feed_dataFieldWithoutColon_addsEmptyLine() {
        assertEquals(List.of(new SseEvent("message", "\nb")), parseWhole("data\ndata: b\n\n"));
    }

    @Test
    void feed_emptyData_dispatchesEventWithEmptyData() {
        assertEquals(List.of(new SseEvent("message", "")), parseWhole("data:\n\n"));
    }

    @Test
    void feed_eventWithoutData_isNotDispatchedAndNameDoesNotLeak() {
        assertEquals(List.of(new SseEvent("message", "x")), parseWhole("event: ping\n\ndata: x\n\n"));
    }

    @Test
    void feed_eventNameIsResetAfterDispatch() {
        assertEquals(List.of(new SseEvent("a", "1"), new SseEvent("message", "2")),
                parseWhole("event: a\ndata: 1\n\ndata: 2\n\n"));
    }

    @Test
    void feed_emptyEventName_isReportedAsMessage() {
        assertEquals(List.of(new SseEvent("message", "1")), parseWhole("event:\ndata: 1\n\n"));
    }

    @Test
    void feed_valueContainingColons_keepsEverythingAfterFirstColon() {
        assertEquals(List.of(new SseEvent("message", "a: b: c")), parseWhole("data: a: b: c\n\n"));
    }

    @Test
    void feed_unknownFieldsAndIdRetry_doNotChangeTheEvent() {
        assertEquals(List.of(new SseEvent("message", "x")), parseWhole("id: 1\nretry: 10\nfoo: bar\ndata: x\n\n"));
    }

    @Test
    void feed_eventNotEndedByBlankLine_isNotDispatched() {
        SseReader reader = new SseReader();
        List<SseEvent> out = new ArrayList<>();
        reader.feed("data: x\n".getBytes(StandardCharsets.US_ASCII), out::add);
        assertTrue(out.isEmpty());
        assertTrue(reader.hasPartialEvent());
        reader.feed("\n".getBytes(StandardCharsets.US_ASCII), out::add);
        assertEquals(List.of(new SseEvent("message", "x")), out);
        assertFalse(reader.hasPartialEvent());
    }

    @Test
    void hasPartialEvent_newReader_isFalse() {
        assertFalse(new SseReader().hasPartialEvent());
    }

    @Test
    void hasPartialEvent_bytesOfAnUnfinishedLine_isTrue() {
        SseReader reader = new SseReader();
        reader.feed("dat".getBytes(StandardCharsets.US_ASCII), e -> { });
        assertTrue(reader.hasPartialEvent());
    }

    @Test
    void hasPartialEvent_eventLineWithoutBlankLine_isTrue() {
        SseReader reader = new SseReader();
        reader.feed("event: x\n".getBytes(StandardCharsets.US_ASCII), e -> { });
        assertTrue(reader.hasPartialEvent());
    }

    @Test
    void hasPartialEvent_afterCompleteEvent_isFalse() {
        SseReader reader = new SseReader();
        reader.feed("data: x\n\n".getBytes(StandardCharsets.US_ASCII), e -> { });
        assertFalse(reader.hasPartialEvent());
    }

    @Test
    void feed_multiByteCharacterSplitAcrossFeeds_isDecodedWhole() {
        byte[] bytes = "data: 🎉é\n\n".getBytes(StandardCharsets.UTF_8);
        // "data: " is 6 bytes; the emoji is 4 bytes; cut inside it at every offset
        for (int cut = 7; cut <= 12; cut++) {
            SseReader reader = new SseReader();
            List<SseEvent> out = new ArrayList<>();
            reader.feed(ByteBuffer.wrap(bytes, 0, cut), out::add);
            reader.feed(ByteBuffer.wrap(bytes, cut, bytes.length - cut), out::add);
            assertEquals(List.of(new SseEvent("message", "🎉é")), out, "cut at " + cut);
        }
    }

    @Test
    void feed_lineLongerThanInitialBuffer_isKeptWhole() {
        String big = "x".repeat(10_000);
        assertEquals(List.of(new SseEvent("message", big)), parseWhole("data: " + big + "\n\n"));
    }

    @Test
    void feed_byteBuffer_consumesAllRemainingBytes() {
        ByteBuffer buffer = ByteBuffer.wrap("data: x\n\n".getBytes(StandardCharsets.US_ASCII));
        List<SseEvent> out = new ArrayList<>();
        new SseReader().feed(buffer, out::add);
        assertEquals(0, buffer.remaining());
        assertEquals(List.of(new SseEvent("message", "x")), out);
    }
}
