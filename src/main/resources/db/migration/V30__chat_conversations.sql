-- Conversations between a visitor (or an API client) and a bot. Purged after the retention period.
-- No CHECK constraints on these hot tables: H2 2.4 intermittently fails evaluating IN-list checks
-- under concurrent inserts ("Check constraint invalid") and then closes the database. The chat module
-- only ever writes its own constants into channel, role, status and feedback.
CREATE TABLE chat_conversation (
    id                 UUID                     NOT NULL PRIMARY KEY,
    workspace_id       UUID                     NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    bot_id             UUID                     NOT NULL,
    visitor_id         UUID                     NOT NULL,
    visitor_token_hash CHAR(64)                 NOT NULL,
    channel            VARCHAR(10)              NOT NULL,
    started_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    last_message_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    message_count      INT                      NOT NULL DEFAULT 0,
    page_url           VARCHAR(2000),
    referrer           VARCHAR(2000),
    locale             VARCHAR(35),
    country            VARCHAR(2),
    utm_source         VARCHAR(200)
);
CREATE UNIQUE INDEX chat_conversation_token_ux ON chat_conversation (visitor_token_hash);
CREATE INDEX chat_conversation_bot_ix ON chat_conversation (workspace_id, bot_id, last_message_at);
CREATE INDEX chat_conversation_visitor_ix ON chat_conversation (workspace_id, visitor_id);
CREATE INDEX chat_conversation_last_ix ON chat_conversation (last_message_at);

CREATE TABLE chat_message (
    id                UUID                     NOT NULL PRIMARY KEY,
    conversation_id   UUID                     NOT NULL REFERENCES chat_conversation (id) ON DELETE CASCADE,
    workspace_id      UUID                     NOT NULL,
    bot_id            UUID                     NOT NULL,
    role              VARCHAR(10)              NOT NULL,
    text              TEXT                     NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    status            VARCHAR(10)              NOT NULL,
    client_message_id VARCHAR(64),
    reply_to          UUID,
    sources           TEXT,
    answered          BOOLEAN,
    provider          VARCHAR(20),
    model             VARCHAR(64),
    input_tokens      INT                      NOT NULL DEFAULT 0,
    output_tokens     INT                      NOT NULL DEFAULT 0,
    cache_read_tokens INT                      NOT NULL DEFAULT 0,
    first_token_ms    INT,
    total_ms          INT,
    error_code        VARCHAR(40),
    feedback          VARCHAR(4),
    feedback_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX chat_message_conversation_ix ON chat_message (conversation_id, created_at);
CREATE UNIQUE INDEX chat_message_client_ux ON chat_message (conversation_id, client_message_id);
CREATE INDEX chat_message_reply_ix ON chat_message (reply_to);
CREATE INDEX chat_message_bot_day_ix ON chat_message (bot_id, created_at);
