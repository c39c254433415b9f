-- A user's current choice per optional purpose (ANALYTICS, NEWS); no row means "off".
CREATE TABLE policies_consent (
    user_id    UUID                     NOT NULL,
    purpose    VARCHAR(20)              NOT NULL CHECK (purpose = 'ANALYTICS' OR purpose = 'NEWS'),
    granted    BOOLEAN                  NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, purpose)
);
CREATE INDEX policies_consent_purpose_ix ON policies_consent (purpose, granted);

-- Every change of a choice, with its time.
CREATE TABLE policies_consent_change (
    id         UUID                     NOT NULL PRIMARY KEY,
    user_id    UUID                     NOT NULL,
    purpose    VARCHAR(20)              NOT NULL,
    granted    BOOLEAN                  NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX policies_consent_change_user_ix ON policies_consent_change (user_id, changed_at);
