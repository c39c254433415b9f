CREATE TABLE bots_bot (
    id                  UUID                     NOT NULL PRIMARY KEY,
    workspace_id        UUID                     NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    public_id           VARCHAR(24)              NOT NULL,
    name                VARCHAR(80)              NOT NULL,
    instructions        TEXT                     NOT NULL,
    model               VARCHAR(64)              NOT NULL,
    temperature         NUMERIC(3, 2)            NOT NULL,
    greeting            VARCHAR(500)             NOT NULL,
    suggested_questions TEXT                     NOT NULL,
    fallback_message    VARCHAR(500)             NOT NULL,
    accent_color        VARCHAR(7)               NOT NULL,
    position            VARCHAR(12)              NOT NULL CHECK (position IN ('bottom-right', 'bottom-left')),
    launcher_label      VARCHAR(30)              NOT NULL,
    avatar_url          VARCHAR(500),
    allowed_domains     TEXT                     NOT NULL,
    lead_capture        VARCHAR(16)              NOT NULL CHECK (lead_capture IN ('OFF', 'BEFORE_CHAT', 'AFTER_MESSAGES')),
    lead_after_messages INT                      NOT NULL,
    lead_fields         VARCHAR(200)             NOT NULL,
    retention_days      INT,
    max_answer_tokens   INT                      NOT NULL,
    daily_token_budget  BIGINT                   NOT NULL,
    redact_personal     BOOLEAN                  NOT NULL DEFAULT TRUE,
    enabled             BOOLEAN                  NOT NULL DEFAULT TRUE,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX bots_bot_public_id_ux ON bots_bot (public_id);
CREATE INDEX bots_bot_workspace_ix ON bots_bot (workspace_id);
