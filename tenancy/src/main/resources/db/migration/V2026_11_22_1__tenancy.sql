-- Tenancy: organizations, teams, users, sessions, invitations, client API keys, quotas, the
-- change feed that keeps other instances' caches fresh, and the audit log.
-- Portable between H2 (PostgreSQL mode) and PostgreSQL: no partial indexes, no ON CONFLICT.
-- Times are TIMESTAMP WITH TIME ZONE in UTC. Rows are soft-deleted (deleted_at) so history stays.

CREATE TABLE organizations (
    id           VARCHAR(40)  PRIMARY KEY,
    name         VARCHAR(200) NOT NULL,
    description  VARCHAR(2000),
    status       VARCHAR(16)  NOT NULL,            -- active | disabled
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX organizations_created ON organizations (created_at, id);

CREATE TABLE teams (
    id           VARCHAR(40)  PRIMARY KEY,
    org_id       VARCHAR(40)  NOT NULL REFERENCES organizations (id),
    name         VARCHAR(200) NOT NULL,
    description  VARCHAR(2000),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX teams_org ON teams (org_id, created_at);

-- A user belongs to one organization with one role; platform admins have no organization.
-- live_email is the lower-cased e-mail while the user exists and NULL once deleted, so the unique
-- index below allows an address to be reused after deletion (both databases allow many NULLs).
CREATE TABLE users (
    id              VARCHAR(40)  PRIMARY KEY,
    org_id          VARCHAR(40)  REFERENCES organizations (id),
    email           VARCHAR(320) NOT NULL,
    live_email      VARCHAR(320),
    name            VARCHAR(200),
    role            VARCHAR(16)  NOT NULL,         -- platform_admin | owner | admin | member | viewer
    status          VARCHAR(16)  NOT NULL,         -- active | disabled
    password_hash   VARCHAR(400),
    failed_logins   INTEGER      NOT NULL DEFAULT 0,
    locked_until    TIMESTAMP WITH TIME ZONE,
    last_login_at   TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at      TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX users_live_email ON users (live_email);
CREATE INDEX users_org ON users (org_id, created_at);

-- Admin sessions: only the SHA-256 of the bearer token is stored.
CREATE TABLE user_sessions (
    token_hash    VARCHAR(100) PRIMARY KEY,
    user_id       VARCHAR(40)  NOT NULL REFERENCES users (id),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    remote_addr   VARCHAR(64),
    revoked_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX user_sessions_user ON user_sessions (user_id);

CREATE TABLE invitations (
    id            VARCHAR(40)  PRIMARY KEY,
    org_id        VARCHAR(40)  NOT NULL REFERENCES organizations (id),
    email         VARCHAR(320) NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    token_hash    VARCHAR(100) NOT NULL UNIQUE,
    invited_by    VARCHAR(100) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    accepted_at   TIMESTAMP WITH TIME ZONE,
    revoked_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX invitations_org ON invitations (org_id, created_at);

-- Client API keys. The secret is stored as 'sha256:<hex>'; prefix is what is shown afterwards.
-- After a rotation the old secret stays valid until previous_valid_until.
-- allowed_models and allowed_cidrs are JSON arrays of strings (empty = no restriction).
CREATE TABLE api_keys (
    id                    VARCHAR(40)  PRIMARY KEY,
    org_id                VARCHAR(40)  NOT NULL REFERENCES organizations (id),
    team_id               VARCHAR(40)  REFERENCES teams (id),
    name                  VARCHAR(200) NOT NULL,
    description           VARCHAR(2000),
    prefix                VARCHAR(40)  NOT NULL,
    secret_hash           VARCHAR(100) NOT NULL UNIQUE,
    previous_hash         VARCHAR(100) UNIQUE,
    previous_valid_until  TIMESTAMP WITH TIME ZONE,
    permission            VARCHAR(16)  NOT NULL,   -- read_only | read_write | admin
    allowed_models        VARCHAR(4000) NOT NULL DEFAULT '[]',
    allowed_cidrs         VARCHAR(4000) NOT NULL DEFAULT '[]',
    expires_at            TIMESTAMP WITH TIME ZONE,
    rpm_limit             INTEGER,
    tpm_limit             BIGINT,
    concurrency_limit     INTEGER,
    status                VARCHAR(16)  NOT NULL,   -- active | disabled
    created_by            VARCHAR(100) NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    rotated_at            TIMESTAMP WITH TIME ZONE,
    last_used_at          TIMESTAMP WITH TIME ZONE,
    deleted_at            TIMESTAMP WITH TIME ZONE
);
CREATE INDEX api_keys_org ON api_keys (org_id, created_at);

-- Limits on requests, tokens and cost per month or year, for an organization or a key.
CREATE TABLE quotas (
    scope_type   VARCHAR(8)     NOT NULL,          -- org | key
    scope_id     VARCHAR(40)    NOT NULL,
    metric       VARCHAR(16)    NOT NULL,          -- requests | tokens | cost
    period       VARCHAR(8)     NOT NULL,          -- month | year
    limit_value  NUMERIC(24, 6) NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (scope_type, scope_id, metric, period)
);

-- What has been used per scope and period ('2026-11' for a month, '2026' for a year).
CREATE TABLE quota_usage (
    scope_type   VARCHAR(8)     NOT NULL,
    scope_id     VARCHAR(40)    NOT NULL,
    period_key   VARCHAR(8)     NOT NULL,
    requests     BIGINT         NOT NULL DEFAULT 0,
    tokens       BIGINT         NOT NULL DEFAULT 0,
    cost         NUMERIC(24, 9) NOT NULL DEFAULT 0,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (scope_type, scope_id, period_key)
);

-- Every change that can alter how a request is authenticated or limited; other instances poll it
-- and drop what they cached.
CREATE TABLE tenancy_changes (
    seq          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    entity       VARCHAR(16)  NOT NULL,            -- org | key | quota | user
    entity_id    VARCHAR(100) NOT NULL,
    changed_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The audit log: append-only, each row chained to the previous one by hash, so an edit or a
-- deletion anywhere breaks verification from that row on. audit_head serialises writers (row lock).
CREATE TABLE audit_log (
    seq          BIGINT       PRIMARY KEY,
    id           VARCHAR(40)  NOT NULL UNIQUE,
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_type   VARCHAR(16)  NOT NULL,            -- platform_admin | user | api_key | system
    actor_id     VARCHAR(100) NOT NULL,
    org_id       VARCHAR(40),
    action       VARCHAR(64)  NOT NULL,
    target_type  VARCHAR(32)  NOT NULL,
    target_id    VARCHAR(100),
    remote_addr  VARCHAR(64),
    details      VARCHAR(20000) NOT NULL DEFAULT '{}',
    prev_hash    VARCHAR(64)  NOT NULL,
    hash         VARCHAR(64)  NOT NULL
);
CREATE INDEX audit_log_org ON audit_log (org_id, seq);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE audit_head (
    id         INTEGER     PRIMARY KEY,
    last_seq   BIGINT      NOT NULL,
    last_hash  VARCHAR(64) NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
