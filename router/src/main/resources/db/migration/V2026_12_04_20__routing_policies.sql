-- Routing policies created through the admin API (those in the configuration file are not stored).
-- Every change is a new row: 'revision' numbers all changes of all policies (instances poll its
-- maximum to notice a change), 'version' those of one policy. The newest version of a name is the
-- policy in force, unless it is a deletion. Older rows are kept as history.
CREATE TABLE routing_policies (
    revision    BIGINT        PRIMARY KEY,
    name        VARCHAR(100)  NOT NULL,
    version     INTEGER       NOT NULL,
    document    TEXT,                               -- the policy JSON; NULL for a deletion
    deleted     BOOLEAN       NOT NULL DEFAULT FALSE,
    created_by  VARCHAR(100)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT routing_policies_name_version UNIQUE (name, version)
);
