-- What each purge run removed from each workspace, so an owner sees their own figures and no one else's.
CREATE TABLE privacy_purge_removed (
    run_id       UUID        NOT NULL REFERENCES privacy_purge_run (id) ON DELETE CASCADE,
    workspace_id UUID        NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    kind         VARCHAR(40) NOT NULL,
    removed_rows INT         NOT NULL,
    PRIMARY KEY (run_id, workspace_id, kind)
);
CREATE INDEX privacy_purge_removed_ws_ix ON privacy_purge_removed (workspace_id, run_id);
