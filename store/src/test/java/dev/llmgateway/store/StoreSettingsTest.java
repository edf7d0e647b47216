package dev.llmgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {

    @Test
    void kindOf_knownAndUnknownUrls() {
        assertEquals(DatabaseKind.H2, DatabaseKind.of("jdbc:h2:mem:x"));
        assertEquals(DatabaseKind.POSTGRESQL, DatabaseKind.of("JDBC:POSTGRESQL://h/db"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatabaseKind.of("jdbc:mysql://h/db?password=hunter2"));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void redactedUrl_dropsQueryAndOptions_whichMayCarryCredentials() {
        StoreSettings pg = new StoreSettings("jdbc:postgresql://h:5432/db?user=u&password=hunter2", Optional.empty(),
                Optional.of("pw"), Optional.empty(), 4);
        assertEquals("jdbc:postgresql://h:5432/db", pg.redactedUrl());
        assertFalse(pg.toString().contains("hunter2"));
        assertFalse(pg.toString().contains("pw,"));
        assertEquals("jdbc:h2:mem:x", StoreSettings.inMemory("x").redactedUrl());
    }

    @Test
    void embedded_isAnH2FileInPostgresModeUnderTheDataDir() {
        StoreSettings s = StoreSettings.embedded(Path.of("/var/lib/gw"));
        assertTrue(s.url().startsWith("jdbc:h2:file:/var/lib/gw/llm-gateway;MODE=PostgreSQL"), s.url());
        assertThrows(IllegalArgumentException.class, () -> new StoreSettings("jdbc:h2:mem:x", Optional.empty(),
                Optional.empty(), Optional.empty(), 0));
    }

    @Test
    void open_unreachableDatabase_failsWithTheRedactedUrlNotThePassword() {
        StoreSettings s = new StoreSettings("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", Optional.of("u"),
                Optional.of("hunter2"), Optional.empty(), 1);
        StoreException e = assertThrows(StoreException.class, () -> Database.open(s));
        assertTrue(e.getMessage().contains("jdbc:postgresql://127.0.0.1:1/none"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }
}
