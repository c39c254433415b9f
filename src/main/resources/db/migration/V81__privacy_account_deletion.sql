-- The anonymous tombstone an account deletion leaves: when, and how many workspaces went or were left.
-- Deliberately no user id, email or workspace id.
CREATE TABLE privacy_account_deletion (
    id                 UUID                     NOT NULL PRIMARY KEY,
    deleted_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    workspaces_deleted INT                      NOT NULL,
    workspaces_left    INT                      NOT NULL
);
