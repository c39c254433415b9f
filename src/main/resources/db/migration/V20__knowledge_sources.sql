-- A bot's knowledge sources. bot_id refers to bots_bot by id only (no cross-module foreign key);
-- the knowledge module deletes a bot's rows when it hears BotDeleted.
-- content holds what is chunked: the text of a text source, the extracted text of a file (the
-- uploaded bytes are not kept), and for Q&A sources a JSON array of {question, answer} pairs.
CREATE TABLE knowledge_source (
    id             UUID                     NOT NULL PRIMARY KEY,
    workspace_id   UUID                     NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    bot_id         UUID                     NOT NULL,
    type           VARCHAR(8)               NOT NULL CHECK (type IN ('text', 'qa', 'file', 'url')),
    title          VARCHAR(300)             NOT NULL,
    status         VARCHAR(12)              NOT NULL CHECK (status IN ('pending', 'processing', 'ready', 'failed')),
    error          VARCHAR(500),
    stale          BOOLEAN                  NOT NULL DEFAULT FALSE,
    content        TEXT,
    url            VARCHAR(2000),
    max_pages      INT,
    schedule       VARCHAR(8)               NOT NULL DEFAULT 'never' CHECK (schedule IN ('never', 'daily', 'weekly')),
    file_name      VARCHAR(255),
    file_type      VARCHAR(16),
    file_bytes     BIGINT                   NOT NULL DEFAULT 0,
    characters     BIGINT                   NOT NULL DEFAULT 0,
    chunks         INT                      NOT NULL DEFAULT 0,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_synced_at TIMESTAMP WITH TIME ZONE,
    next_sync_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX knowledge_source_bot_ix ON knowledge_source (workspace_id, bot_id, created_at);
CREATE INDEX knowledge_source_sync_ix ON knowledge_source (next_sync_at);

-- The pages of a website source, kept for change detection: an unchanged page keeps its chunks.
CREATE TABLE knowledge_page (
    id           UUID                     NOT NULL PRIMARY KEY,
    workspace_id UUID                     NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    source_id    UUID                     NOT NULL REFERENCES knowledge_source (id) ON DELETE CASCADE,
    url          VARCHAR(2000)            NOT NULL,
    title        VARCHAR(300)             NOT NULL,
    content_hash CHAR(64)                 NOT NULL,
    characters   BIGINT                   NOT NULL,
    fetched_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX knowledge_page_source_ix ON knowledge_page (source_id);

-- Retrieval units with their embedding (little-endian float32, unit length).
CREATE TABLE knowledge_chunk (
    id           UUID                     NOT NULL PRIMARY KEY,
    workspace_id UUID                     NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    bot_id       UUID                     NOT NULL,
    source_id    UUID                     NOT NULL REFERENCES knowledge_source (id) ON DELETE CASCADE,
    page_id      UUID                     REFERENCES knowledge_page (id) ON DELETE CASCADE,
    ordinal      INT                      NOT NULL,
    title        VARCHAR(300)             NOT NULL,
    url          VARCHAR(2000),
    question     TEXT,
    text         TEXT                     NOT NULL,
    heading      VARCHAR(500)             NOT NULL,
    embedding    BYTEA                    NOT NULL
);
CREATE INDEX knowledge_chunk_bot_ix ON knowledge_chunk (workspace_id, bot_id);
CREATE INDEX knowledge_chunk_source_ix ON knowledge_chunk (source_id);
CREATE INDEX knowledge_chunk_page_ix ON knowledge_chunk (page_id);

-- Durable background work: one job per source at a time, claimed with FOR UPDATE SKIP LOCKED and
-- leased until locked_until, so it runs once across nodes and resumes after a crash.
CREATE TABLE knowledge_job (
    id           UUID                     NOT NULL PRIMARY KEY,
    workspace_id UUID                     NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    bot_id       UUID                     NOT NULL,
    source_id    UUID                     NOT NULL REFERENCES knowledge_source (id) ON DELETE CASCADE,
    attempts     INT                      NOT NULL DEFAULT 0,
    run_after    TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_by    VARCHAR(100),
    locked_until TIMESTAMP WITH TIME ZONE,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX knowledge_job_source_ux ON knowledge_job (source_id);
CREATE INDEX knowledge_job_due_ix ON knowledge_job (run_after);

-- A counter per bot bumped on every change of its chunks; nodes rebuild their in-memory index
-- when the number they built from differs.
CREATE TABLE knowledge_version (
    bot_id       UUID   NOT NULL PRIMARY KEY,
    workspace_id UUID   NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    version      BIGINT NOT NULL
);
