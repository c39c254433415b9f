-- A workspace's own conversation-log retention (absent: the installation default, 90 days).
CREATE TABLE privacy_retention (
    workspace_id   UUID NOT NULL PRIMARY KEY REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    retention_days INT  NOT NULL CHECK (retention_days BETWEEN 1 AND 3650)
);

-- Every run of the retention purge and what it removed, e.g. "conversations=12".
CREATE TABLE privacy_purge_run (
    id          UUID                     NOT NULL PRIMARY KEY,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE,
    removed     VARCHAR(1000)            NOT NULL
);
CREATE INDEX privacy_purge_run_started_ix ON privacy_purge_run (started_at);
