-- Budgets: a spending cap in US dollars on an organization, team, key or user, per day, ISO week,
-- calendar month (UTC) or in total. budget_spend holds what was spent and what requests in flight
-- have reserved (their estimate) per period; budget_holds lists those reservations so a crashed
-- instance's holds can be released; budget_alerts records each threshold fired, once per period.
CREATE TABLE budgets (
    id              VARCHAR(40)    PRIMARY KEY,
    org_id          VARCHAR(40)    NOT NULL,
    scope_type      VARCHAR(16)    NOT NULL,       -- organization | team | key | user
    scope_id        VARCHAR(100)   NOT NULL,
    name            VARCHAR(200)   NOT NULL,
    period          VARCHAR(8)     NOT NULL,       -- day | week | month | total
    amount_usd      NUMERIC(20, 9) NOT NULL,
    action          VARCHAR(16)    NOT NULL,       -- refuse | downgrade
    downgrade_model VARCHAR(200),
    thresholds      VARCHAR(200)   NOT NULL,       -- JSON array of percentages
    webhooks        VARCHAR(4000)  NOT NULL DEFAULT '[]',
    emails          VARCHAR(4000)  NOT NULL DEFAULT '[]',
    created_by      VARCHAR(100)   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX budgets_org ON budgets (org_id, created_at);

CREATE TABLE budget_spend (
    budget_id       VARCHAR(40)    NOT NULL,
    period_key      VARCHAR(16)    NOT NULL,       -- 2026-12-04 | 2026-W49 | 2026-12 | total
    spent_usd       NUMERIC(24, 9) NOT NULL DEFAULT 0,
    reserved_usd    NUMERIC(24, 9) NOT NULL DEFAULT 0,
    requests        BIGINT         NOT NULL DEFAULT 0,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (budget_id, period_key)
);

CREATE TABLE budget_holds (
    hold_id         VARCHAR(120)   PRIMARY KEY,
    budget_id       VARCHAR(40)    NOT NULL,
    period_key      VARCHAR(16)    NOT NULL,
    amount_usd      NUMERIC(24, 9) NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX budget_holds_expiry ON budget_holds (expires_at);

CREATE TABLE budget_alerts (
    budget_id       VARCHAR(40)    NOT NULL,
    period_key      VARCHAR(16)    NOT NULL,
    threshold       INTEGER        NOT NULL,
    spent_usd       NUMERIC(24, 9) NOT NULL,
    fired_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (budget_id, period_key, threshold)
);
