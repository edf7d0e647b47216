-- Secrets of client keys rotated out twice: after a second rotation a key's oldest secret leaves
-- api_keys.previous_hash and is kept here, only so that presenting it is refused as "rotated"
-- (with a message telling the caller to use the new key) rather than as an unknown key.
CREATE TABLE api_key_retired_secrets (
    secret_hash  VARCHAR(100) PRIMARY KEY,
    key_id       VARCHAR(40)  NOT NULL REFERENCES api_keys (id),
    retired_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX api_key_retired_secrets_key ON api_key_retired_secrets (key_id);
