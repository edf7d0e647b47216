-- Price overrides set through the admin API: each change is a new version holding the whole
-- override document (the price book JSON format); the newest version applies. Kept for history.
CREATE TABLE price_overrides (
    version     BIGINT        PRIMARY KEY,
    document    TEXT          NOT NULL,
    created_by  VARCHAR(100)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
