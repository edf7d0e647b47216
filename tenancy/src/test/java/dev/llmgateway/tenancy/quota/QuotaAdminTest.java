package dev.llmgateway.tenancy.quota;

import dev.llmgateway.testing.MutableClock;
import static dev.llmgateway.tenancy.quota.QuotaFixtures.key;
import static dev.llmgateway.tenancy.quota.QuotaFixtures.org;
import static dev.llmgateway.tenancy.quota.QuotaFixtures.set;
import static dev.llmgateway.tenancy.quota.QuotaFixtures.tenancy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.store.DatabaseKind;
import dev.llmgateway.tenancy.Actor;
import dev.llmgateway.tenancy.Changes;
import dev.llmgateway.tenancy.PageRequest;
import dev.llmgateway.tenancy.Role;
import dev.llmgateway.tenancy.Tenancy;
import dev.llmgateway.tenancy.TenancyException;
import dev.llmgateway.tenancy.audit.AuditQuery;
import dev.llmgateway.tenancy.audit.AuditRecord;
import dev.llmgateway.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class QuotaAdminTest {

    private static final Actor ADMIN = Actor.platformAdmin("admin-key");
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void setOrgLimits_thenRead_normalisedAuditedAndInTheChangeFeed(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind); Tenancy tenancy = tenancy(t.database(), new MutableClock(NOW))) {
            org(t.database(), "org_x");
            Quotas q = tenancy.quotas();
            q.setOrgLimits(ADMIN, "org_x", set("requests_per_month", "1000", "tokens_per_year", "5000000",
                    "cost_per_month", "25.0"));
            LimitSet read = q.orgLimits(ADMIN, "org_x");
            assertEquals(Map.of(new Slot(Metric.REQUESTS, Period.MONTH), new BigDecimal("1000"),
                    new Slot(Metric.TOKENS, Period.YEAR), new BigDecimal("5000000"),
                    new Slot(Metric.COST, Period.MONTH), new BigDecimal("25.00")), read.values());
            assertEquals(Optional.of(NOW), read.updatedAt());

            AuditRecord audit = tenancy.audit().list(ADMIN, AuditQuery.all(), PageRequest.first()).items().get(0);
            assertEquals("quota.update", audit.action());
            assertEquals(Optional.of("org_x"), audit.orgId());
            JsonNode cost = audit.details().path("cost_per_month");
            assertTrue(cost.path("from").isNull());
            assertEquals("25.00", cost.path("to").asText());
            assertEquals(List.of(Changes.Entity.QUOTA), tenancy.changes().since(0, 10).stream()
                    .map(Changes.Change::entity).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void setOrgLimits_nullRemovesOneAndSameValuesChangeNothing(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind); Tenancy tenancy = tenancy(t.database(), new MutableClock(NOW))) {
            org(t.database(), "org_x");
            Quotas q = tenancy.quotas();
            q.setOrgLimits(ADMIN, "org_x", set("requests_per_month", "10", "cost_per_year", "5"));
            LimitSet after = q.setOrgLimits(ADMIN, "org_x", LimitChange.of(Map.of(), Set.of("cost_per_year")));
            assertEquals(Map.of(new Slot(Metric.REQUESTS, Period.MONTH), new BigDecimal("10")), after.values());
            q.setOrgLimits(ADMIN, "org_x", set("requests_per_month", "10.000"));
            assertEquals(2, tenancy.audit().list(ADMIN, AuditQuery.all(), PageRequest.first()).total());
            assertEquals(2, tenancy.changes().since(0, 10).size());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void limits_rolesAndOrganizations_viewersReadAdminsWriteOthersSeeNothing(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind); Tenancy tenancy = tenancy(t.database(), new MutableClock(NOW))) {
            org(t.database(), "org_x");
            org(t.database(), "org_y");
            Quotas q = tenancy.quotas();
            Actor viewer = Actor.user("usr_v", Optional.of("org_x"), Role.VIEWER);
            Actor adminX = Actor.user("usr_a", Optional.of("org_x"), Role.ADMIN);
            Actor adminY = Actor.user("usr_b", Optional.of("org_y"), Role.ADMIN);
            assertTrue(q.orgLimits(viewer, "org_x").isEmpty());
            assertEquals(403, assertThrows(TenancyException.class,
                    () -> q.setOrgLimits(viewer, "org_x", set("requests_per_month", "1"))).status());
            q.setOrgLimits(adminX, "org_x", set("requests_per_month", "1"));
            assertEquals(404, assertThrows(TenancyException.class, () -> q.orgLimits(adminY, "org_x")).status());
            assertEquals(404, assertThrows(TenancyException.class, () -> q.usage(adminY, "org_x")).status());
            assertEquals(404, assertThrows(TenancyException.class,
                    () -> q.setOrgLimits(adminY, "org_x", set("requests_per_month", "9"))).status());
            TenancyException missing = assertThrows(TenancyException.class,
                    () -> q.setOrgLimits(ADMIN, "org_nope", set("requests_per_month", "1")));
            assertEquals("organization_not_found", missing.code());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void keyLimits_keyMustBelongToTheOrganization(DatabaseKind kind) {
        try (TestDatabase t = TestDatabase.open(kind); Tenancy tenancy = tenancy(t.database(), new MutableClock(NOW))) {
            org(t.database(), "org_x");
            org(t.database(), "org_y");
            key(t.database(), "org_x", "key_a");
            key(t.database(), "org_y", "key_b");
            Quotas q = tenancy.quotas();
            q.setKeyLimits(ADMIN, "org_x", "key_a", set("tokens_per_month", "100"));
            assertEquals(new BigDecimal("100"), q.keyLimits(ADMIN, "org_x", "key_a")
                    .get(Metric.TOKENS, Period.MONTH).orElseThrow());
            assertEquals("key_not_found", assertThrows(TenancyException.class,
                    () -> q.setKeyLimits(ADMIN, "org_x", "key_b", set("tokens_per_month", "1"))).code());
            assertEquals("key_not_found", assertThrows(TenancyException.class,
                    () -> q.keyLimits(ADMIN, "org_x", "key_nope")).code());

            UsageReport report = q.usage(ADMIN, "org_x");
            assertEquals(List.of(Scope.org("org_x"), Scope.key("key_a")),
                    report.scopes().stream().map(UsageReport.ScopeUsage::scope).toList());
            UsageReport.PeriodUsage month = report.scopes().get(1).periods().get(0);
            assertEquals("2026-11", month.key());
            assertEquals(Instant.parse("2026-12-01T00:00:00Z"), month.end());
            assertEquals(Optional.of(new BigDecimal("100")), month.limit(Metric.TOKENS));
            assertEquals(UsageCounters.ZERO, month.used());
        }
    }

    @Test
    void of_badValues_invalidNamingTheField() {
        for (String[] bad : List.of(new String[] {"requests_per_month", "-1"}, new String[] {"requests_per_month", "1.5"},
                new String[] {"tokens_per_year", "lots"}, new String[] {"cost_per_month", "0.1234567"},
                new String[] {"cost_per_year", "1e30"})) {
            TenancyException e = assertThrows(TenancyException.class, () -> set(bad[0], bad[1]), bad[1]);
            assertEquals(400, e.status());
            assertEquals(Optional.of(bad[0]), e.param());
            assertTrue(e.getMessage().startsWith("'" + bad[0] + "' must be"), e.getMessage());
        }
        TenancyException unknown = assertThrows(TenancyException.class, () -> set("requests_per_day", "1"));
        assertEquals(Optional.of("requests_per_day"), unknown.param());
        assertTrue(unknown.getMessage().contains("requests_per_month, requests_per_year"), unknown.getMessage());
        assertEquals(new BigDecimal("0.00"), set("cost_per_month", "0").set().values().iterator().next());
    }

    @Test
    void period_keysAndBounds_calendarInUtc() {
        Instant newYearsEve = Instant.parse("2026-12-31T23:30:00Z");
        assertEquals("2026-12", Period.MONTH.key(newYearsEve));
        assertEquals("2026", Period.YEAR.key(newYearsEve));
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), Period.MONTH.end(newYearsEve));
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), Period.YEAR.start(newYearsEve));
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), Period.MONTH.end(Instant.parse("2026-02-28T12:00:00Z")));
    }
}
