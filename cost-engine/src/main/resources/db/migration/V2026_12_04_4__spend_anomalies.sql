-- Spend anomalies: an organization's hourly spend far above its recent baseline. One row per
-- organization and hour, so the alert fires once whichever instance detects it first.
CREATE TABLE spend_anomalies (
    org_id          VARCHAR(40)    NOT NULL,
    bucket          TIMESTAMP WITH TIME ZONE NOT NULL,
    cost_usd        NUMERIC(24, 9) NOT NULL,
    baseline_mean   NUMERIC(24, 9) NOT NULL,
    baseline_stddev NUMERIC(24, 9) NOT NULL,
    threshold_usd   NUMERIC(24, 9) NOT NULL,
    detected_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (org_id, bucket)
);
