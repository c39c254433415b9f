-- A user has read a published version (shown as a banner until then). Users are referred to by id only.
CREATE TABLE policies_acknowledgement (
    user_id         UUID                     NOT NULL,
    version_id      UUID                     NOT NULL REFERENCES policies_version (id) ON DELETE CASCADE,
    acknowledged_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, version_id)
);
