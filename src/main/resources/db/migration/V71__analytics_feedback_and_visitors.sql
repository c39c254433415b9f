-- The rating each rated answer holds now, so a changed rating moves the count instead of adding a second one.
-- Kept while its conversation exists (deleted on ConversationsDeleted); message ids only, no text.
CREATE TABLE analytics_feedback (
    message_id      UUID        PRIMARY KEY,
    workspace_id    UUID        NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    bot_id          UUID        NOT NULL,
    conversation_id UUID        NOT NULL,
    stat_day        DATE        NOT NULL,
    rating          VARCHAR(4)  NOT NULL
);
CREATE INDEX analytics_feedback_conversation_ix ON analytics_feedback (conversation_id);
CREATE INDEX analytics_feedback_bot_ix ON analytics_feedback (bot_id);

-- The visitor of each live conversation, so a question row can tell whether one visitor alone asked it;
-- deleted with the conversation (ConversationsDeleted: owner, visitor, bot deletion or retention purge).
CREATE TABLE analytics_conversation (
    conversation_id UUID PRIMARY KEY,
    workspace_id    UUID NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    bot_id          UUID NOT NULL,
    visitor_id      UUID NOT NULL
);
CREATE INDEX analytics_conversation_visitor_ix ON analytics_conversation (workspace_id, visitor_id);
CREATE INDEX analytics_conversation_bot_ix ON analytics_conversation (bot_id);

-- The one visitor who asked this question on this day, or NULL once a second visitor asked it (or unknown).
ALTER TABLE analytics_question ADD COLUMN sole_visitor UUID;
CREATE INDEX analytics_question_visitor_ix ON analytics_question (workspace_id, sole_visitor);
