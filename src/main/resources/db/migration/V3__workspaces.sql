CREATE TABLE workspaces_workspace (
    id         UUID                     NOT NULL PRIMARY KEY,
    name       VARCHAR(100)             NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- user_id refers to accounts_user by id only (no cross-module foreign key).
CREATE TABLE workspaces_member (
    workspace_id UUID                     NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    user_id      UUID                     NOT NULL,
    role         VARCHAR(10)              NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'AGENT')),
    joined_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX workspaces_member_user_ix ON workspaces_member (user_id);

CREATE TABLE workspaces_invitation (
    id           UUID                     NOT NULL PRIMARY KEY,
    workspace_id UUID                     NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    email        VARCHAR(254)             NOT NULL,
    role         VARCHAR(10)              NOT NULL CHECK (role IN ('ADMIN', 'AGENT')),
    token_hash   CHAR(64)                 NOT NULL,
    invited_by   UUID                     NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    accepted_at  TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX workspaces_invitation_hash_ux ON workspaces_invitation (token_hash);
CREATE INDEX workspaces_invitation_ws_ix ON workspaces_invitation (workspace_id);

CREATE TABLE workspaces_api_key (
    id           UUID                     NOT NULL PRIMARY KEY,
    workspace_id UUID                     NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    name         VARCHAR(80)              NOT NULL,
    prefix       VARCHAR(16)              NOT NULL,
    key_hash     CHAR(64)                 NOT NULL,
    created_by   UUID                     NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX workspaces_api_key_hash_ux ON workspaces_api_key (key_hash);
CREATE INDEX workspaces_api_key_ws_ix ON workspaces_api_key (workspace_id);
