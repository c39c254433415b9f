-- Per-bot lead form wording and who hears about new leads; owned by visitors, beside the bot's own settings.
CREATE TABLE visitors_lead_settings (
    bot_id       UUID          NOT NULL PRIMARY KEY,
    workspace_id UUID          NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    consent_text VARCHAR(1000),
    privacy_url  VARCHAR(500)
);

CREATE TABLE visitors_lead_recipient (
    bot_id       UUID NOT NULL,
    workspace_id UUID NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    user_id      UUID NOT NULL,
    PRIMARY KEY (bot_id, user_id)
);
