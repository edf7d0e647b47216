package dev.llmgateway.cost.budget;

import dev.llmgateway.tenancy.TenancyException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What an admin sets on a budget: whose spending it caps ({@code scope}, {@code scopeId}), a name,
 * the period and amount in US dollars, the action at 100%, the model to downgrade to, the alert
 * thresholds in percent (default 80, 90 and 100) and where alerts go besides the log (webhook URLs,
 * e-mail addresses). {@link #validated()} checks it and answers with normalised values.
 */
public record BudgetDraft(BudgetScope scope, String scopeId, String name, BudgetPeriod period, BigDecimal amountUsd,
                          BudgetAction action, Optional<String> downgradeModel, List<Integer> thresholds,
                          List<String> webhooks, List<String> emails) {

    /** The thresholds used when a budget names none. */
    public static final List<Integer> DEFAULT_THRESHOLDS = List.of(80, 90, 100);
    private static final int MAX_SCALE = 9;

    public BudgetDraft {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(scopeId, "scopeId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(amountUsd, "amountUsd");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(downgradeModel, "downgradeModel");
        thresholds = List.copyOf(thresholds);
        webhooks = List.copyOf(webhooks);
        emails = List.copyOf(emails);
    }

    /** This draft checked, with thresholds sorted and de-duplicated; throws an invalid-request error naming the field. */
    public BudgetDraft validated() {
        if (scopeId.isBlank()) {
            throw TenancyException.invalid("scope_id", "A budget needs the id of the " + scope.wire() + " it caps.");
        }
        if (name.isBlank() || name.length() > 200) {
            throw TenancyException.invalid("name", "A budget needs a name of 1 to 200 characters.");
        }
        if (amountUsd.signum() <= 0) {
            throw TenancyException.invalid("amount_usd", "amount_usd must be more than 0, got "
                    + amountUsd.toPlainString() + ".");
        }
        if (amountUsd.stripTrailingZeros().scale() > MAX_SCALE || amountUsd.precision() - amountUsd.scale() > 11) {
            throw TenancyException.invalid("amount_usd", "amount_usd must have at most 11 digits before and "
                    + MAX_SCALE + " after the decimal point.");
        }
        if (action == BudgetAction.DOWNGRADE && downgradeModel.filter(m -> !m.isBlank()).isEmpty()) {
            throw TenancyException.invalid("downgrade_model", "A budget whose action is 'downgrade' needs "
                    + "downgrade_model: the model (or routing policy) requests switch to at 100%.");
        }
        TreeSet<Integer> sorted = new TreeSet<>(thresholds.isEmpty() ? DEFAULT_THRESHOLDS : thresholds);
        for (int t : sorted) {
            if (t < 1 || t > 100) {
                throw TenancyException.invalid("thresholds", "Alert thresholds are percentages from 1 to 100, got "
                        + t + ".");
            }
        }
        for (String url : webhooks) {
            URI uri = parse(url);
            if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null) {
                throw TenancyException.invalid("webhooks", "Webhooks must be http or https URLs, got '" + url + "'.");
            }
        }
        for (String email : emails) {
            int at = email.indexOf('@');
            if (at < 1 || at != email.lastIndexOf('@') || at == email.length() - 1 || email.length() > 320
                    || email.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>')) {
                throw TenancyException.invalid("emails", "'" + email + "' is not an e-mail address.");
            }
        }
        Optional<String> downgrade = action == BudgetAction.DOWNGRADE ? downgradeModel.map(String::trim)
                : downgradeModel.filter(m -> !m.isBlank()).map(String::trim);
        return new BudgetDraft(scope, scopeId.trim(), name.trim(), period, amountUsd.stripTrailingZeros(), action,
                downgrade, List.copyOf(sorted), webhooks, emails);
    }

    private static URI parse(String url) {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
