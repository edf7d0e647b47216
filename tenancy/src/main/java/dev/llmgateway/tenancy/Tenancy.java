package dev.llmgateway.tenancy;

import dev.llmgateway.store.Database;
import dev.llmgateway.tenancy.audit.AuditLog;
import dev.llmgateway.tenancy.org.Organizations;
import dev.llmgateway.tenancy.org.Teams;
import dev.llmgateway.tenancy.user.Invitations;
import dev.llmgateway.tenancy.user.Logins;
import dev.llmgateway.tenancy.user.Users;
import dev.llmgateway.tenancy.key.ClientKeys;
import dev.llmgateway.tenancy.key.KeyActorResolver;
import dev.llmgateway.tenancy.key.KeyCacheSync;
import dev.llmgateway.tenancy.key.KeyValidator;
import dev.llmgateway.tenancy.quota.Quotas;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything tenancy, over one database: organizations and teams, users and logins, client API
 * keys, quotas and the audit log. Built once per process; thread-safe.
 */
public final class Tenancy implements AutoCloseable {

    private final Database db;
    private final Clock clock;
    private final TenancySettings settings;
    private final AuditLog audit;
    private final Changes changes;
    // feature services: one field each, assigned in the constructor
    private final Organizations organizations;
    private final Teams teams;
    private final Users users;
    private final Logins logins;
    private final Invitations invitations;
    private final KeyValidator keyValidator;
    private final ClientKeys clientKeys;
    private final KeyCacheSync keyCacheSync;
    private final Quotas quotas;

    public Tenancy(Database db, TenancySettings settings, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.settings = settings;
        this.audit = new AuditLog(db, clock);
        this.changes = new Changes(db);
        // feature services: constructed here
        this.organizations = new Organizations(db, audit, clock);
        this.teams = new Teams(db, audit, clock);
        this.users = new Users(db, audit, clock);
        this.logins = new Logins(db, audit, clock, settings);
        this.invitations = new Invitations(db, audit, clock, settings, users);
        this.keyValidator = new KeyValidator(db, clock);
        this.clientKeys = new ClientKeys(db, clock, settings, audit, keyValidator);
        this.keyCacheSync = new KeyCacheSync(changes, keyValidator, settings.cacheSync(), clock);
        this.quotas = new Quotas(db, audit, changes, clock, settings.cacheSync());
    }

    public Database database() {
        return db;
    }

    public Clock clock() {
        return clock;
    }

    public TenancySettings settings() {
        return settings;
    }

    public AuditLog audit() {
        return audit;
    }

    public Changes changes() {
        return changes;
    }

    // feature services: accessors
    public Organizations organizations() {
        return organizations;
    }

    public Teams teams() {
        return teams;
    }

    public Users users() {
        return users;
    }

    /** Password login, sessions, lock-out. */
    public Logins logins() {
        return logins;
    }

    public Invitations invitations() {
        return invitations;
    }


    /** Managing client API keys (the admin API's {@code /orgs/{org}/keys}). */
    public ClientKeys clientKeys() {
        return clientKeys;
    }

    /** Checking client API keys on every client request. */
    public KeyValidator keyValidator() {
        return keyValidator;
    }

    /** Limits of organizations and keys, and their enforcement. */
    public Quotas quotas() {
        return quotas;
    }

    /** How admin API credentials other than the admin key become actors, tried in this order. */
    public List<ActorResolver> actorResolvers() {
        List<ActorResolver> resolvers = new ArrayList<>();
        // feature services: resolvers
        resolvers.add(logins);
        resolvers.add(new KeyActorResolver(keyValidator));
        return resolvers;
    }

    /** Stops background work (cache sync); the database is closed by its owner. */
    @Override
    public void close() {
        // feature services: close
        keyCacheSync.close();
        quotas.close();
    }
}
