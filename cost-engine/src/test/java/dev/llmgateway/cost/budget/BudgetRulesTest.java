package dev.llmgateway.cost.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmgateway.tenancy.TenancyException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BudgetRulesTest {

    @Test
    void periods_keysStartsAndEndsInUtc() {
        Instant sunday = Instant.parse("2026-12-06T23:59:59Z");
        assertEquals("2026-12-06", BudgetPeriod.DAY.key(sunday));
        assertEquals("2026-W49", BudgetPeriod.WEEK.key(sunday));
        assertEquals(Instant.parse("2026-11-30T00:00:00Z"), BudgetPeriod.WEEK.start(sunday));
        assertEquals(Optional.of(Instant.parse("2026-12-07T00:00:00Z")), BudgetPeriod.WEEK.end(sunday));
        assertEquals("2026-W50", BudgetPeriod.WEEK.key(Instant.parse("2026-12-07T00:00:00Z")));
        assertEquals("2020-W53", BudgetPeriod.WEEK.key(Instant.parse("2021-01-01T12:00:00Z")), "ISO week-based year");
        assertEquals("2026-12", BudgetPeriod.MONTH.key(sunday));
        assertEquals(Optional.of(Instant.parse("2027-01-01T00:00:00Z")), BudgetPeriod.MONTH.end(sunday));
        assertEquals("total", BudgetPeriod.TOTAL.key(sunday));
        assertEquals(Optional.empty(), BudgetPeriod.TOTAL.end(sunday));
    }

    @Test
    void draft_validated_normalisesAndDefaults() {
        BudgetDraft d = new BudgetDraft(BudgetScope.TEAM, " team_a ", " ops ", BudgetPeriod.MONTH,
                new BigDecimal("25.000"), BudgetAction.REFUSE, Optional.of(" "), List.of(100, 50, 50), List.of(),
                List.of()).validated();
        assertEquals("team_a", d.scopeId());
        assertEquals("ops", d.name());
        assertEquals("25", d.amountUsd().toPlainString());
        assertEquals(List.of(50, 100), d.thresholds());
        assertEquals(Optional.empty(), d.downgradeModel());
        BudgetDraft defaults = new BudgetDraft(BudgetScope.KEY, "k", "n", BudgetPeriod.DAY, BigDecimal.ONE,
                BudgetAction.REFUSE, Optional.empty(), List.of(), List.of(), List.of()).validated();
        assertEquals(List.of(80, 90, 100), defaults.thresholds());
    }

    @Test
    void draft_invalid_namesTheField() {
        assertEquals("amount_usd", param(draft("0", BudgetAction.REFUSE, List.of(), List.of(), List.of())));
        assertEquals("amount_usd", param(draft("0.0000000001", BudgetAction.REFUSE, List.of(), List.of(), List.of())));
        assertEquals("downgrade_model", param(draft("1", BudgetAction.DOWNGRADE, List.of(), List.of(), List.of())));
        assertEquals("thresholds", param(draft("1", BudgetAction.REFUSE, List.of(0), List.of(), List.of())));
        assertEquals("webhooks", param(draft("1", BudgetAction.REFUSE, List.of(), List.of("not a url"), List.of())));
        assertEquals("emails", param(draft("1", BudgetAction.REFUSE, List.of(), List.of(), List.of("x@"))));
        assertEquals("emails", param(draft("1", BudgetAction.REFUSE, List.of(), List.of(),
                List.of("a@b.c>\r\nBcc: evil@x"))));
    }

    private static BudgetDraft draft(String amount, BudgetAction action, List<Integer> thresholds, List<String> hooks,
                                     List<String> emails) {
        return new BudgetDraft(BudgetScope.ORGANIZATION, "org_x", "b", BudgetPeriod.MONTH, new BigDecimal(amount),
                action, Optional.empty(), thresholds, hooks, emails);
    }

    private static String param(BudgetDraft d) {
        return assertThrows(TenancyException.class, d::validated).param().orElse("");
    }
}
