-- Durable outbox: a mail is written in the same transaction as the change that causes it and sent
-- (or written to a file) by a background job that retries failures.
CREATE TABLE notifications_outbox (
    id              UUID                     NOT NULL PRIMARY KEY,
    workspace_id    UUID,
    recipient       VARCHAR(254)             NOT NULL,
    subject         VARCHAR(200)             NOT NULL,
    body_text       TEXT                     NOT NULL,
    kind            VARCHAR(40)              NOT NULL,
    status          VARCHAR(10)              NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts        INT                      NOT NULL DEFAULT 0,
    last_error      VARCHAR(500),
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE
);
CREATE INDEX notifications_outbox_due_ix ON notifications_outbox (status, next_attempt_at);
CREATE INDEX notifications_outbox_recipient_ix ON notifications_outbox (recipient);
