-- Tokens each bot spent per UTC day, so the daily budget check is one indexed read per turn.
CREATE TABLE chat_bot_usage (
    bot_id       UUID   NOT NULL,
    usage_day    DATE   NOT NULL,
    workspace_id UUID   NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    tokens       BIGINT NOT NULL,
    PRIMARY KEY (bot_id, usage_day)
);
