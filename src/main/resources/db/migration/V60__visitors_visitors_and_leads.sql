-- Website visitors as the widget sees them: derived location, device and referral, never the raw IP.
CREATE TABLE visitors_visitor (
    id              UUID                     NOT NULL PRIMARY KEY,
    workspace_id    UUID                     NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    bot_id          UUID                     NOT NULL,
    first_seen_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    conversations   INT                      NOT NULL DEFAULT 1,
    first_page_url  VARCHAR(2000),
    last_page_url   VARCHAR(2000),
    referrer        VARCHAR(2000),
    referrer_domain VARCHAR(255),
    utm_source      VARCHAR(200),
    utm_medium      VARCHAR(200),
    utm_campaign    VARCHAR(200),
    device          VARCHAR(10)              NOT NULL CHECK (device IN ('desktop', 'mobile', 'tablet', 'bot', 'unknown')),
    browser         VARCHAR(30)              NOT NULL,
    country         VARCHAR(2),
    region          VARCHAR(100),
    city            VARCHAR(100)
);
CREATE INDEX visitors_visitor_bot_ix ON visitors_visitor (workspace_id, bot_id, last_seen_at);

-- Contact details a visitor left through the widget, with the consent they gave. Kept while the account is active.
CREATE TABLE visitors_lead (
    id              UUID                     NOT NULL PRIMARY KEY,
    workspace_id    UUID                     NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    bot_id          UUID                     NOT NULL,
    conversation_id UUID,
    visitor_id      UUID,
    name            VARCHAR(200),
    email           VARCHAR(254)             NOT NULL,
    phone           VARCHAR(40),
    company         VARCHAR(200),
    country         VARCHAR(2),
    consent_given   BOOLEAN                  NOT NULL,
    consent_text    VARCHAR(1000),
    consent_version CHAR(12),
    consent_at      TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX visitors_lead_bot_ix ON visitors_lead (workspace_id, bot_id, created_at);
CREATE INDEX visitors_lead_created_ix ON visitors_lead (workspace_id, created_at);
