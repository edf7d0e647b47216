-- PostgreSQL only. Raw usage events are partitioned by time so retention drops whole months
-- instead of deleting rows:
--   * with the TimescaleDB extension installed, usage_events becomes a hypertable (7-day chunks);
--   * otherwise (the tested path) it becomes a table partitioned by RANGE (occurred_at), with a
--     DEFAULT partition; the engine creates monthly partitions ahead of time (UsagePartitions).
-- Either way the primary key becomes (id, occurred_at): both require the time column in unique
-- keys. An event's id and time never change, so a redelivered event still conflicts and is skipped.
-- The hourly and daily rollups stay ordinary tables maintained by the engine in both cases.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        ALTER TABLE usage_events DROP CONSTRAINT usage_events_pkey;
        ALTER TABLE usage_events ADD PRIMARY KEY (id, occurred_at);
        EXECUTE 'SELECT create_hypertable(''usage_events'', ''occurred_at'', '
             || 'chunk_time_interval => INTERVAL ''7 days'', migrate_data => true)';
    ELSE
        ALTER TABLE usage_events RENAME TO usage_events_unpartitioned;
        ALTER TABLE usage_events_unpartitioned DROP CONSTRAINT usage_events_pkey;
        DROP INDEX usage_events_time;
        DROP INDEX usage_events_org_time;
        CREATE TABLE usage_events (LIKE usage_events_unpartitioned INCLUDING DEFAULTS)
            PARTITION BY RANGE (occurred_at);
        ALTER TABLE usage_events ADD PRIMARY KEY (id, occurred_at);
        CREATE INDEX usage_events_time ON usage_events (occurred_at);
        CREATE INDEX usage_events_org_time ON usage_events (org_id, occurred_at);
        CREATE TABLE usage_events_default PARTITION OF usage_events DEFAULT;
        INSERT INTO usage_events SELECT * FROM usage_events_unpartitioned;
        DROP TABLE usage_events_unpartitioned;
    END IF;
END $$;
