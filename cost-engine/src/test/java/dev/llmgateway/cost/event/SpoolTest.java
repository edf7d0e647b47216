package dev.llmgateway.cost.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.core.usage.UsageEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    @Test
    void drain_deliversInOrder_keepsWhatFailed_andSurvivesANewSpoolObject(@TempDir Path dir) throws Exception {
        Spool spool = new Spool(dir);
        List<UsageEvent> events = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            events.add(Events.event(i));
        }
        spool.append(events.subList(0, 10));
        spool.append(events.subList(10, 25));
        assertEquals(25, spool.pending());

        List<UsageEvent> got = new ArrayList<>();
        int[] calls = {0};
        assertThrows(IllegalStateException.class, () -> spool.drain(10, batch -> {
            if (++calls[0] == 2) {
                throw new IllegalStateException("broker gone");
            }
            got.addAll(batch);
        }));
        assertEquals(events.subList(0, 10), got);

        Spool reopened = new Spool(dir); // as after a restart
        assertEquals(15, reopened.pending());
        reopened.append(List.of(events.get(0))); // a newer event queues behind the old ones
        reopened.drain(100, got::addAll);
        assertEquals(events.subList(0, 25), got.subList(0, 25));
        assertEquals(events.get(0), got.get(25));
        assertTrue(reopened.isEmpty());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.filter(p -> p.toString().endsWith(".jsonl")).filter(p -> {
                try {
                    return Files.size(p) > 0;
                } catch (java.io.IOException e) {
                    return true;
                }
            }).count());
        }
    }

    @Test
    void json_roundTripsEveryField_andRefusesWhatIsNotAnEvent() {
        UsageEvent e = Events.event(3);
        assertEquals(e, UsageJson.parse(UsageJson.bytes(e)));
        assertThrows(UsageJson.MalformedEvent.class, () -> UsageJson.parse("{\"v\":2}".getBytes()));
        assertThrows(UsageJson.MalformedEvent.class, () -> UsageJson.parse("not json".getBytes()));
        assertThrows(UsageJson.MalformedEvent.class, () -> UsageJson.parse("{\"v\":1,\"id\":\"x\"}".getBytes()));
    }
}
