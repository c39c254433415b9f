-- Dimension rows keyed by kind first, so each table of the dashboard reads only its own kind's rows;
-- rebuilt without the IN-list CHECK (H2 2.4 can fail evaluating those once the creating session is closed).
CREATE TABLE analytics_dimension_v72 (
    workspace_id  UUID          NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    bot_id        UUID          NOT NULL,
    stat_day      DATE          NOT NULL,
    kind          VARCHAR(10)   NOT NULL,
    dim_key       VARCHAR(500)  NOT NULL,
    conversations INT           NOT NULL DEFAULT 0,
    PRIMARY KEY (bot_id, kind, stat_day, dim_key)
);
INSERT INTO analytics_dimension_v72 (workspace_id, bot_id, stat_day, kind, dim_key, conversations)
    SELECT workspace_id, bot_id, stat_day, kind, dim_key, conversations FROM analytics_dimension;
DROP TABLE analytics_dimension;
ALTER TABLE analytics_dimension_v72 RENAME TO analytics_dimension;
CREATE INDEX analytics_dimension_ws_kind_ix ON analytics_dimension (workspace_id, kind, stat_day);

-- The same figures per calendar month (stat_month = its first day), maintained with the daily rows, so a
-- long range reads one row per month and key plus the days of its partial first and last months.
CREATE TABLE analytics_dimension_month (
    workspace_id  UUID          NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    bot_id        UUID          NOT NULL,
    stat_month    DATE          NOT NULL,
    kind          VARCHAR(10)   NOT NULL,
    dim_key       VARCHAR(500)  NOT NULL,
    conversations INT           NOT NULL DEFAULT 0,
    PRIMARY KEY (bot_id, kind, stat_month, dim_key)
);
CREATE INDEX analytics_dimension_month_ws_ix ON analytics_dimension_month (workspace_id, kind, stat_month);
INSERT INTO analytics_dimension_month (workspace_id, bot_id, stat_month, kind, dim_key, conversations)
    SELECT workspace_id, bot_id, CAST(DATE_TRUNC('month', stat_day) AS DATE), kind, dim_key, SUM(conversations)
    FROM analytics_dimension GROUP BY workspace_id, bot_id, CAST(DATE_TRUNC('month', stat_day) AS DATE), kind, dim_key;

CREATE TABLE analytics_question_month (
    workspace_id   UUID                     NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    bot_id         UUID                     NOT NULL,
    stat_month     DATE                     NOT NULL,
    question_key   VARCHAR(300)             NOT NULL,
    question       VARCHAR(500)             NOT NULL,
    asked          INT                      NOT NULL DEFAULT 0,
    unanswered     INT                      NOT NULL DEFAULT 0,
    last_asked_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    sole_visitor   UUID,
    PRIMARY KEY (bot_id, stat_month, question_key)
);
CREATE INDEX analytics_question_month_ws_ix ON analytics_question_month (workspace_id, stat_month);
CREATE INDEX analytics_question_month_visitor_ix ON analytics_question_month (workspace_id, sole_visitor);
INSERT INTO analytics_question_month (workspace_id, bot_id, stat_month, question_key, question, asked, unanswered, last_asked_at)
    SELECT workspace_id, bot_id, CAST(DATE_TRUNC('month', stat_day) AS DATE), question_key, MIN(question), SUM(asked), SUM(unanswered),
      MAX(last_asked_at)
    FROM analytics_question GROUP BY workspace_id, bot_id, CAST(DATE_TRUNC('month', stat_day) AS DATE), question_key;
