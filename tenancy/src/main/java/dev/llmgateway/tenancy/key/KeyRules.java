package dev.llmgateway.tenancy.key;

import dev.llmgateway.core.auth.ClientIdentity.RateLimits;
import dev.llmgateway.tenancy.TenancyException;
import io.helidon.dbclient.DbExecute;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The rules a key's settings must follow before they are stored; each broken rule is a 400 naming
 * the field. Returns the settings tidied (trimmed text, blank description dropped, duplicates
 * removed). Stateless apart from the repository it asks about teams.
 */
final class KeyRules {

    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_PATTERN = 200;
    /** The width of the {@code allowed_models} and {@code allowed_cidrs} columns. */
    static final int MAX_LIST_JSON = 4000;

    private final KeyRepository repo;

    KeyRules(KeyRepository repo) {
        this.repo = repo;
    }

    /**
     * Checks {@code s} for a key of {@code orgId}; {@code before} is the key's current settings on
     * update (an expiry or team that did not change is not checked again).
     */
    KeySettings check(DbExecute tx, String orgId, KeySettings s, Optional<KeySettings> before, Instant now) {
        String name = s.name().trim();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw TenancyException.invalid("name", "'name' must be 1 to " + MAX_NAME + " characters.");
        }
        Optional<String> description = s.description().map(String::trim).filter(d -> !d.isEmpty());
        if (description.map(String::length).orElse(0) > MAX_DESCRIPTION) {
            throw TenancyException.invalid("description", "'description' must be at most " + MAX_DESCRIPTION
                    + " characters.");
        }
        Optional<String> team = s.teamId().map(String::trim);
        if (team.isPresent() && !team.equals(before.flatMap(KeySettings::teamId))
                && (team.get().isEmpty() || !repo.teamIsLive(tx, orgId, team.get()))) {
            throw TenancyException.invalid("team_id", "No team '" + team.get() + "' in organization '" + orgId
                    + "'; 'team_id' must name a team of the key's organization, or be null.");
        }
        if (s.expiresAt().isPresent() && !s.expiresAt().equals(before.flatMap(KeySettings::expiresAt))
                && !s.expiresAt().get().isAfter(now)) {
            throw TenancyException.invalid("expires_at", "'expires_at' must be in the future (now is " + now + ").");
        }
        RateLimits l = s.limits();
        if (l.requestsPerMinute() < 0 || l.tokensPerMinute() < 0 || l.maxConcurrency() < 0) {
            throw TenancyException.invalid("limits", "Limits must be above 0, or absent for no limit.");
        }
        return new KeySettings(name, description, team, s.permission(), models(s.allowedModels()),
                cidrs(s.allowedCidrs()), s.expiresAt(), l);
    }

    private static List<String> models(List<String> patterns) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String p : patterns) {
            String t = p.trim();
            if (t.isEmpty() || t.length() > MAX_PATTERN) {
                throw TenancyException.invalid("allowed_models", "Each of 'allowed_models' must be a model pattern of 1 "
                        + "to " + MAX_PATTERN + " characters, such as 'openai/*' or 'claude-*'.");
            }
            out.add(t);
        }
        return fits("allowed_models", new ArrayList<>(out));
    }

    private static List<String> cidrs(List<String> networks) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String n : networks) {
            Cidr.Parsed parsed = Cidr.parse(n);
            if (parsed.cidr().isEmpty()) {
                throw TenancyException.invalid("allowed_cidrs", "In 'allowed_cidrs': " + parsed.error()
                        + " Use networks such as '10.0.0.0/8' or '2001:db8::/32', or single addresses.");
            }
            out.add(n.trim());
        }
        return fits("allowed_cidrs", new ArrayList<>(out));
    }

    private static List<String> fits(String field, List<String> values) {
        if (KeyRepository.json(values).length() > MAX_LIST_JSON) {
            throw TenancyException.invalid(field, "'" + field + "' is too long: at most " + MAX_LIST_JSON
                    + " characters as JSON.");
        }
        return values;
    }
}
