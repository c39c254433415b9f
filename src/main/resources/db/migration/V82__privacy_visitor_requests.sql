-- Data-subject requests of visitors that an owner recorded and carried out. After a deletion only a
-- masked address (j•••@example.com) is kept. requested_by is cleared when that user deletes their account.
CREATE TABLE privacy_visitor_request (
    id                 UUID                     NOT NULL PRIMARY KEY,
    workspace_id       UUID                     NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    email              VARCHAR(254)             NOT NULL,
    action             VARCHAR(10)              NOT NULL,
    status             VARCHAR(12)              NOT NULL,
    visitors           INT                      NOT NULL,
    rows_deleted       INT                      NOT NULL,
    requested_by       UUID,
    requested_by_label VARCHAR(40)              NOT NULL,
    requested_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX privacy_visitor_request_ws_ix ON privacy_visitor_request (workspace_id, requested_at);
