-- Usage: one row per served request (idempotent by event id) and rollups by hour and day that the
-- engine maintains in the same transaction as the raw insert, so a redelivered event is never
-- counted twice. Raw rows may be deleted by the retention job; rollups are kept.
CREATE TABLE usage_events (
    id              VARCHAR(64)    PRIMARY KEY,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    request_id      VARCHAR(200)   NOT NULL,
    org_id          VARCHAR(40)    NOT NULL,
    team_id         VARCHAR(40)    NOT NULL,
    key_id          VARCHAR(100)   NOT NULL,
    user_id         VARCHAR(40)    NOT NULL,
    model           VARCHAR(200)   NOT NULL,
    provider        VARCHAR(100)   NOT NULL,
    account         VARCHAR(200)   NOT NULL,
    input_tokens    BIGINT         NOT NULL,
    output_tokens   BIGINT         NOT NULL,
    cache_write_tokens BIGINT      NOT NULL,
    cache_read_tokens  BIGINT      NOT NULL,
    reasoning_tokens   BIGINT      NOT NULL,
    cost_usd        NUMERIC(20, 9) NOT NULL,
    unpriced        BOOLEAN        NOT NULL,
    latency_ms      BIGINT         NOT NULL,
    status          INTEGER        NOT NULL,
    outcome         VARCHAR(16)    NOT NULL,
    routing_reason  VARCHAR(2000)  NOT NULL,
    cache_hit       BOOLEAN        NOT NULL
);
CREATE INDEX usage_events_time ON usage_events (occurred_at);
CREATE INDEX usage_events_org_time ON usage_events (org_id, occurred_at);

CREATE TABLE usage_hourly (
    bucket          TIMESTAMP WITH TIME ZONE NOT NULL,
    org_id          VARCHAR(40)    NOT NULL,
    team_id         VARCHAR(40)    NOT NULL,
    key_id          VARCHAR(100)   NOT NULL,
    model           VARCHAR(200)   NOT NULL,
    provider        VARCHAR(100)   NOT NULL,
    requests        BIGINT         NOT NULL,
    errors          BIGINT         NOT NULL,
    input_tokens    BIGINT         NOT NULL,
    output_tokens   BIGINT         NOT NULL,
    cache_write_tokens BIGINT      NOT NULL,
    cache_read_tokens  BIGINT      NOT NULL,
    reasoning_tokens   BIGINT      NOT NULL,
    cost_usd        NUMERIC(24, 9) NOT NULL,
    PRIMARY KEY (bucket, org_id, team_id, key_id, model, provider)
);
CREATE INDEX usage_hourly_org ON usage_hourly (org_id, bucket);

CREATE TABLE usage_daily (
    bucket          TIMESTAMP WITH TIME ZONE NOT NULL,
    org_id          VARCHAR(40)    NOT NULL,
    team_id         VARCHAR(40)    NOT NULL,
    key_id          VARCHAR(100)   NOT NULL,
    model           VARCHAR(200)   NOT NULL,
    provider        VARCHAR(100)   NOT NULL,
    requests        BIGINT         NOT NULL,
    errors          BIGINT         NOT NULL,
    input_tokens    BIGINT         NOT NULL,
    output_tokens   BIGINT         NOT NULL,
    cache_write_tokens BIGINT      NOT NULL,
    cache_read_tokens  BIGINT      NOT NULL,
    reasoning_tokens   BIGINT      NOT NULL,
    cost_usd        NUMERIC(24, 9) NOT NULL,
    PRIMARY KEY (bucket, org_id, team_id, key_id, model, provider)
);
CREATE INDEX usage_daily_org ON usage_daily (org_id, bucket);
