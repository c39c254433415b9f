-- Anonymous daily aggregates per bot, maintained from chat and visitor events; they survive log retention.
CREATE TABLE analytics_daily (
    workspace_id      UUID    NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    bot_id            UUID    NOT NULL,
    stat_day             DATE    NOT NULL,
    conversations     INT     NOT NULL DEFAULT 0,
    visitor_messages  INT     NOT NULL DEFAULT 0,
    answers           INT     NOT NULL DEFAULT 0,
    unanswered        INT     NOT NULL DEFAULT 0,
    leads             INT     NOT NULL DEFAULT 0,
    feedback_up       INT     NOT NULL DEFAULT 0,
    feedback_down     INT     NOT NULL DEFAULT 0,
    first_token_ms    BIGINT  NOT NULL DEFAULT 0,
    first_token_count INT     NOT NULL DEFAULT 0,
    input_tokens      BIGINT  NOT NULL DEFAULT 0,
    output_tokens     BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (bot_id, stat_day)
);
CREATE INDEX analytics_daily_ws_ix ON analytics_daily (workspace_id, stat_day);

-- Conversations per day by one dimension: country, referrer (domain or UTM source), page, device.
CREATE TABLE analytics_dimension (
    workspace_id  UUID          NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    bot_id        UUID          NOT NULL,
    stat_day         DATE          NOT NULL,
    kind          VARCHAR(10)   NOT NULL CHECK (kind IN ('country', 'referrer', 'page', 'device')),
    dim_key       VARCHAR(500)  NOT NULL,
    conversations INT           NOT NULL DEFAULT 0,
    PRIMARY KEY (bot_id, stat_day, kind, dim_key)
);
CREATE INDEX analytics_dimension_ws_ix ON analytics_dimension (workspace_id, stat_day);

-- Visitor questions per day, normalised so that near-identical wordings count together; redacted text only.
CREATE TABLE analytics_question (
    workspace_id   UUID                     NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    bot_id         UUID                     NOT NULL,
    stat_day          DATE                     NOT NULL,
    question_key   VARCHAR(300)             NOT NULL,
    question       VARCHAR(500)             NOT NULL,
    asked          INT                      NOT NULL DEFAULT 0,
    unanswered     INT                      NOT NULL DEFAULT 0,
    last_asked_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (bot_id, stat_day, question_key)
);
CREATE INDEX analytics_question_ws_ix ON analytics_question (workspace_id, stat_day);
