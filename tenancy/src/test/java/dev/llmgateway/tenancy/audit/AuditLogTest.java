package dev.llmgateway.tenancy.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmgateway.store.DatabaseKind;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.Page;
import dev.llmgateway.tenancy.PageRequest;
import dev.llmgateway.tenancy.Role;
import dev.llmgateway.tenancy.TenancyException;
import dev.llmgateway.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuditLogTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00.123456Z"), ZoneOffset.UTC);

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void append_thenVerify_chainIntactAndRowsReadBack(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind)) {
            AuditLog log = new AuditLog(t.database(), CLOCK);
            Actor admin = Actor.platformAdmin("admin-key").from("127.0.0.1");
            log.append(AuditEntry.of(admin, "org.create", "org", "org_a").inOrg("org_a").with("name", "Acme")
                    .with("price", new java.math.BigDecimal("1.50")));
            log.append(AuditEntry.of(admin, "org.update", "org", "org_a").inOrg("org_a").changed("name", "Acme", "Acme 2"));
            log.append(AuditEntry.of(admin, "org.create", "org", "org_b").inOrg("org_b"));

            Page<AuditRecord> all = log.list(admin, AuditQuery.all(), PageRequest.first());
            assertEquals(3, all.total());
            assertEquals(List.of(3L, 2L, 1L), all.items().stream().map(AuditRecord::seq).toList());
            AuditRecord update = all.items().get(1);
            assertEquals("Acme 2", update.details().path("name").path("to").asText());
            assertEquals(Optional.of("127.0.0.1"), update.remoteAddress());
            assertEquals(Instant.parse("2026-11-22T10:00:00.123Z"), update.at());
            assertEquals(update.prevHash(), all.items().get(2).hash());

            AuditLog.Verification v = log.verify();
            assertTrue(v.intact(), v.message());
            assertEquals(3, v.rowsChecked());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void list_orgAdmin_seesOnlyOwnOrganization(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind)) {
            AuditLog log = new AuditLog(t.database(), CLOCK);
            Actor platform = Actor.platformAdmin("admin-key");
            log.append(AuditEntry.of(platform, "org.create", "org", "org_a").inOrg("org_a"));
            log.append(AuditEntry.of(platform, "org.create", "org", "org_b").inOrg("org_b"));

            Actor adminA = Actor.user("usr_1", Optional.of("org_a"), Role.ADMIN);
            Page<AuditRecord> own = log.list(adminA, AuditQuery.all(), PageRequest.first());
            assertEquals(1, own.total());
            assertEquals(Optional.of("org_a"), own.items().get(0).orgId());

            AuditQuery other = new AuditQuery(Optional.of("org_b"), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty());
            assertEquals(404, assertThrows(TenancyException.class,
                    () -> log.list(adminA, other, PageRequest.first())).status());
            Actor viewerA = Actor.user("usr_2", Optional.of("org_a"), Role.VIEWER);
            assertEquals(403, assertThrows(TenancyException.class,
                    () -> log.list(viewerA, AuditQuery.all(), PageRequest.first())).status());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void append_concurrentWriters_formOneUnbrokenChain(DatabaseKind kind) throws Exception {
        try (TestDatabase t = TestDatabase.open(kind)) {
            AuditLog log = new AuditLog(t.database(), CLOCK);
            Actor admin = Actor.platformAdmin("admin-key");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<AuditRecord>> done = IntStream.range(0, 40).mapToObj(i -> pool.submit(
                        () -> log.append(AuditEntry.of(admin, "key.create", "key", "key_" + i)))).toList();
                for (Future<AuditRecord> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            AuditLog.Verification v = log.verify();
            assertTrue(v.intact(), v.message());
            assertEquals(40, v.rowsChecked());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void verify_rowEditedBehindTheLogsBack_reportsThatRow(DatabaseKind kind) throws Exception {
        try (TestDatabase t = TestDatabase.open(kind)) {
            AuditLog log = new AuditLog(t.database(), CLOCK);
            Actor admin = Actor.platformAdmin("admin-key");
            for (int i = 0; i < 3; i++) {
                log.append(AuditEntry.of(admin, "key.create", "key", "key_" + i));
            }
            try (Connection c = t.database().execute().unwrap(Connection.class); Statement s = c.createStatement()) {
                if (kind == DatabaseKind.POSTGRESQL) {
                    // the append-only trigger refuses the edit outright; tamper as the owner who drops it
                    s.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change");
                }
                s.executeUpdate("UPDATE audit_log SET target_id = 'key_forged' WHERE seq = 2");
            }
            AuditLog.Verification v = log.verify();
            assertFalse(v.intact());
            assertEquals(Optional.of(2L), v.firstBadSeq());
        }
    }
}
