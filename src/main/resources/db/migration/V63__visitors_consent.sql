-- A visitor's acceptance of a bot's privacy notice: which wording (version = hash of the text, and the text), and when.
CREATE TABLE visitors_consent (
    id             UUID                     NOT NULL PRIMARY KEY,
    workspace_id   UUID                     NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    bot_id         UUID                     NOT NULL,
    visitor_id     UUID                     NOT NULL,
    notice_version CHAR(12)                 NOT NULL,
    notice_text    VARCHAR(1000)            NOT NULL,
    accepted_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX visitors_consent_ux ON visitors_consent (bot_id, visitor_id, notice_version);
CREATE INDEX visitors_consent_visitor_ix ON visitors_consent (workspace_id, visitor_id);
