package dev.llmgateway.router.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.core.auth.ClientIdentity.RateLimits;
import dev.llmgateway.router.codec.Json;
import dev.llmgateway.tenancy.Tenancy;
import dev.llmgateway.tenancy.TenancyException;
import dev.llmgateway.tenancy.key.ClientKey;
import dev.llmgateway.tenancy.key.ClientKeys;
import dev.llmgateway.tenancy.key.IssuedKey;
import dev.llmgateway.tenancy.key.KeyInput;
import dev.llmgateway.tenancy.key.KeyQuery;
import dev.llmgateway.tenancy.key.KeySettings;
import dev.llmgateway.tenancy.key.KeyStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;

/**
 * {@code /orgs/{org}/keys}: an organization's client API keys. The secret ({@code key}) is in the
 * create and rotate answers only; afterwards a key shows its {@code prefix}. Who may do what is
 * decided by {@link ClientKeys}.
 */
final class KeyRoutes implements AdminRoutes {

    private static final String KEYS = "/orgs/{org}/keys";
    private static final String KEY = KEYS + "/{key}";

    private final Tenancy tenancy;

    KeyRoutes(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    @Override
    public void addTo(AdminRouteTable table) {
        table.get(KEYS, "List an organization's API keys (filters: name, status, created_after, created_before, "
                        + "team_id)", this::list)
                .post(KEYS, "Create an API key; the answer shows its secret this once", this::create)
                .get(KEY, "One API key", this::get)
                .patch(KEY, "Change an API key's name, description, team, permission, models, networks, expiry "
                        + "or limits", this::update)
                .delete(KEY, "Delete (revoke) an API key", this::delete)
                .post(KEY + "/rotate", "Give an API key a new secret; the old one works for grace_seconds",
                        this::rotate)
                .post(KEY + "/enable", "Let a disabled API key be used again", req -> setEnabled(req, true))
                .post(KEY + "/disable", "Refuse an API key until it is enabled again", req -> setEnabled(req, false));
    }

    private ClientKeys keys() {
        return tenancy.clientKeys();
    }

    private AdminReply list(AdminRequest req) {
        KeyQuery q = new KeyQuery(req.query("name"), req.query("status").map(KeyRoutes::status),
                req.queryTime("created_after"), req.queryTime("created_before"), req.query("team_id"));
        Instant now = tenancy.clock().instant();
        return AdminReply.ok(AdminJson.page(keys().list(req.actor(), req.path("org"), q, req.page()),
                k -> json(k, now)));
    }

    private AdminReply create(AdminRequest req) {
        KeySettings settings = KeyInput.create(req.body());
        return AdminReply.created(issued(keys().create(req.actor(), req.path("org"), settings)));
    }

    private AdminReply get(AdminRequest req) {
        return AdminReply.ok(json(keys().get(req.actor(), req.path("org"), req.path("key")), tenancy.clock().instant()));
    }

    private AdminReply update(AdminRequest req) {
        ObjectNode body = req.body();
        ClientKey k = keys().update(req.actor(), req.path("org"), req.path("key"), s -> KeyInput.patch(body, s));
        return AdminReply.ok(json(k, tenancy.clock().instant()));
    }

    private AdminReply delete(AdminRequest req) {
        keys().delete(req.actor(), req.path("org"), req.path("key"));
        return AdminReply.noContent();
    }

    private AdminReply rotate(AdminRequest req) {
        ObjectNode body = req.body();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("grace_seconds")) {
                throw TenancyException.invalid(f, "Unknown field '" + f + "'; rotate takes only grace_seconds.");
            }
        }
        JsonNode grace = body.path("grace_seconds");
        IssuedKey issued;
        if (grace.isMissingNode() || grace.isNull()) {
            issued = keys().rotate(req.actor(), req.path("org"), req.path("key"));
        } else if (grace.isIntegralNumber() && grace.canConvertToLong()) {
            issued = keys().rotate(req.actor(), req.path("org"), req.path("key"), Duration.ofSeconds(grace.asLong()));
        } else {
            throw TenancyException.invalid("grace_seconds", "'grace_seconds' must be a whole number of seconds "
                    + "(0 revokes the old secret at once).");
        }
        return AdminReply.ok(issued(issued));
    }

    private AdminReply setEnabled(AdminRequest req, boolean enabled) {
        ClientKey k = keys().setEnabled(req.actor(), req.path("org"), req.path("key"), enabled);
        return AdminReply.ok(json(k, tenancy.clock().instant()));
    }

    private ObjectNode issued(IssuedKey issued) {
        return json(issued.key(), tenancy.clock().instant()).put("key", issued.secret());
    }

    private static KeyStatus status(String text) {
        return KeyStatus.parse(text).orElseThrow(() -> TenancyException.invalid("status",
                "'status' must be active, disabled or expired, got '" + text + "'."));
    }

    /** The key as the admin API shows it: never its secret. */
    static ObjectNode json(ClientKey k, Instant now) {
        KeySettings s = k.settings();
        ObjectNode o = Json.object().put("id", k.id()).put("org_id", k.orgId());
        AdminJson.text(o, "team_id", s.teamId());
        o.put("name", s.name());
        AdminJson.text(o, "description", s.description());
        o.put("prefix", k.prefix()).put("permission", s.permission().wire());
        s.allowedModels().forEach(o.putArray("allowed_models")::add);
        s.allowedCidrs().forEach(o.putArray("allowed_cidrs")::add);
        AdminJson.time(o, "expires_at", s.expiresAt());
        o.set("limits", limits(s.limits()));
        o.put("status", k.status(now).wire()).put("created_by", k.createdBy())
                .put("created_at", k.createdAt().toString()).put("updated_at", k.updatedAt().toString());
        AdminJson.time(o, "rotated_at", k.rotatedAt());
        AdminJson.time(o, "last_used_at", k.lastUsedAt());
        return AdminJson.time(o, "previous_valid_until", k.previousValidUntil());
    }

    private static ObjectNode limits(RateLimits l) {
        ObjectNode o = Json.object();
        putLimit(o, "rpm", l.requestsPerMinute());
        putLimit(o, "tpm", l.tokensPerMinute());
        putLimit(o, "concurrency", l.maxConcurrency());
        return o;
    }

    private static void putLimit(ObjectNode o, String field, long value) {
        if (value > 0) {
            o.put(field, value);
        } else {
            o.putNull(field);
        }
    }
}
