-- Upstream accounts added at run time (admin API / CLI), next to those in the configuration file.
-- The secret is sealed with AES-256-GCM under the master key, bound to the account id
-- ('v1:<base64>'); it is never stored or shown in clear. Rows are soft-deleted.
CREATE TABLE upstream_accounts (
    id                VARCHAR(200)  PRIMARY KEY,       -- provider/name
    provider          VARCHAR(100)  NOT NULL,
    name              VARCHAR(100)  NOT NULL,
    secret_sealed     VARCHAR(8000) NOT NULL,
    secret_hint       VARCHAR(40)   NOT NULL,          -- masked form for display, e.g. 'sk-a…f00d'
    models            VARCHAR(4000) NOT NULL DEFAULT '[]',
    weight            INTEGER       NOT NULL DEFAULT 1,
    priority          INTEGER       NOT NULL DEFAULT 0,
    max_concurrency   INTEGER       NOT NULL DEFAULT 0,
    rpm_limit         INTEGER       NOT NULL DEFAULT 0,
    tpm_limit         BIGINT        NOT NULL DEFAULT 0,
    enabled           BOOLEAN       NOT NULL DEFAULT TRUE,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at        TIMESTAMP WITH TIME ZONE
);
CREATE INDEX upstream_accounts_updated ON upstream_accounts (updated_at);
