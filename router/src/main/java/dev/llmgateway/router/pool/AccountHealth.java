package dev.llmgateway.router.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The health state machine of one account. Thread-safe (all transitions under the instance lock);
 * time comes from the injected clock, so tests need no sleeps. Every change of status is reported
 * to the listener with the reason.
 *
 * <pre>
 * HEALTHY --429--> COOLING_DOWN --(reset time passed)--> HEALTHY
 * HEALTHY --N server failures in window--> CIRCUIT_OPEN --(open period passed)--> HALF_OPEN
 * HALF_OPEN --probe succeeded--> HEALTHY ; HALF_OPEN --probe failed--> CIRCUIT_OPEN
 * any --credentials rejected--> DISABLED ; DISABLED --operator enable or passing probe--> HEALTHY
 * </pre>
 */
public final class AccountHealth {

    private final String accountId;
    private final HealthSettings settings;
    private final Clock clock;
    private final Consumer<StatusChange> listener;
    private final ArrayDeque<Instant> failures = new ArrayDeque<>();

    private AccountStatus status = AccountStatus.HEALTHY;
    private Instant until = Instant.MIN;
    private int consecutiveRateLimits;
    private boolean probeInFlight;
    private String reason = "";
    private boolean disabledByOperator;

    public AccountHealth(String accountId, HealthSettings settings, Clock clock, Consumer<StatusChange> listener) {
        this.accountId = accountId;
        this.settings = settings;
        this.clock = clock;
        this.listener = listener;
    }

    /** A change of status, for logs and the admin API. */
    public record StatusChange(String accountId, AccountStatus from, AccountStatus to, String reason, Instant at) {
    }

    /** A snapshot for display. */
    public record Snapshot(AccountStatus status, Optional<Instant> until, String reason, int recentFailures) {
    }

    /**
     * Whether a request may use the account now. In HALF_OPEN only one probe is let through at a
     * time; the caller must report its outcome.
     */
    public synchronized boolean tryAcquire() {
        Instant now = clock.instant();
        switch (status) {
            case HEALTHY -> {
                return true;
            }
            case COOLING_DOWN -> {
                if (!now.isBefore(until)) {
                    move(AccountStatus.HEALTHY, "cool-down ended");
                    return true;
                }
                return false;
            }
            case CIRCUIT_OPEN -> {
                if (!now.isBefore(until)) {
                    move(AccountStatus.HALF_OPEN, "open period ended; probing");
                    probeInFlight = true;
                    return true;
                }
                return false;
            }
            case HALF_OPEN -> {
                if (probeInFlight) {
                    return false;
                }
                probeInFlight = true;
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** Whether the account could take traffic now, without claiming a probe. */
    public synchronized boolean available() {
        Instant now = clock.instant();
        return switch (status) {
            case HEALTHY -> true;
            case COOLING_DOWN, CIRCUIT_OPEN -> !now.isBefore(until);
            case HALF_OPEN -> !probeInFlight;
            case DISABLED -> false;
        };
    }

    public synchronized void onSuccess() {
        consecutiveRateLimits = 0;
        probeInFlight = false;
        if (status == AccountStatus.HALF_OPEN || status == AccountStatus.COOLING_DOWN) {
            failures.clear();
            move(AccountStatus.HEALTHY, "request succeeded");
        } else if (status == AccountStatus.DISABLED && !disabledByOperator) {
            failures.clear();
            move(AccountStatus.HEALTHY, "health probe succeeded");
        }
    }

    /** Records a failure; {@code retryAfter} is the provider's announced reset, if any. */
    public synchronized void onFailure(FailureKind kind, Optional<Duration> retryAfter, String detail) {
        Instant now = clock.instant();
        probeInFlight = false;
        switch (kind) {
            case CLIENT -> {
                if (status == AccountStatus.HALF_OPEN) {
                    move(AccountStatus.HEALTHY, "probe reached the provider");
                }
            }
            case CREDENTIALS -> {
                disabledByOperator = false;
                move(AccountStatus.DISABLED, "credentials rejected: " + detail);
            }
            case RATE_LIMITED -> {
                Duration wait = retryAfter.orElseGet(() -> backoff(consecutiveRateLimits));
                consecutiveRateLimits++;
                until = now.plus(wait);
                move(AccountStatus.COOLING_DOWN, "rate limited for " + wait.toMillis() + " ms: " + detail);
            }
            case SERVER -> {
                if (status == AccountStatus.HALF_OPEN) {
                    until = now.plus(settings.openDuration());
                    move(AccountStatus.CIRCUIT_OPEN, "probe failed: " + detail);
                    return;
                }
                failures.addLast(now);
                Instant horizon = now.minus(settings.failureWindow());
                while (!failures.isEmpty() && failures.peekFirst().isBefore(horizon)) {
                    failures.removeFirst();
                }
                if (failures.size() >= settings.failureThreshold() && status == AccountStatus.HEALTHY) {
                    until = now.plus(settings.openDuration());
                    move(AccountStatus.CIRCUIT_OPEN, failures.size() + " failures within "
                            + settings.failureWindow().toSeconds() + " s, last: " + detail);
                }
            }
        }
    }

    /** Operator switch. */
    public synchronized void setEnabled(boolean enabled) {
        if (enabled) {
            disabledByOperator = false;
            failures.clear();
            consecutiveRateLimits = 0;
            move(AccountStatus.HEALTHY, "enabled by an operator");
        } else {
            disabledByOperator = true;
            move(AccountStatus.DISABLED, "disabled by an operator");
        }
    }

    /** A disabled account (not by an operator) may be probed to see whether it recovered. */
    public synchronized boolean probeWorthy() {
        return status == AccountStatus.DISABLED && !disabledByOperator;
    }

    public synchronized Snapshot snapshot() {
        boolean timed = status == AccountStatus.COOLING_DOWN || status == AccountStatus.CIRCUIT_OPEN;
        return new Snapshot(status, timed ? Optional.of(until) : Optional.empty(), reason, failures.size());
    }

    private Duration backoff(int consecutive) {
        long ms = settings.baseCooldown().toMillis() << Math.min(consecutive, 16);
        return Duration.ofMillis(Math.min(ms, settings.maxCooldown().toMillis()));
    }

    private void move(AccountStatus to, String why) {
        AccountStatus from = status;
        status = to;
        reason = why;
        if (from != to) {
            StatusChange change = new StatusChange(accountId, from, to, why, clock.instant());
            try {
                listener.accept(change);
            } catch (RuntimeException ignored) {
                // an observer must never break the state machine
            }
        }
    }
}
