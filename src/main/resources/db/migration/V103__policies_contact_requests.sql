-- Messages sent through the privacy contact form on /privacy, and the operator's answers.
CREATE TABLE policies_contact_request (
    id          UUID                     NOT NULL PRIMARY KEY,
    name        VARCHAR(100)             NOT NULL,
    email       VARCHAR(254)             NOT NULL,
    message     TEXT                     NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    answer      TEXT,
    answered_at TIMESTAMP WITH TIME ZONE,
    answered_by VARCHAR(254)
);
CREATE INDEX policies_contact_request_email_ix ON policies_contact_request (email);
CREATE INDEX policies_contact_request_created_ix ON policies_contact_request (created_at);
