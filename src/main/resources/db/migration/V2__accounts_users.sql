CREATE TABLE accounts_user (
    id                  UUID                     NOT NULL PRIMARY KEY,
    email               VARCHAR(254)             NOT NULL,
    name                VARCHAR(100)             NOT NULL,
    password_hash       VARCHAR(255)             NOT NULL,
    email_verified      BOOLEAN                  NOT NULL DEFAULT FALSE,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    password_changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
-- Emails are stored lower-cased, so a plain unique index is case-insensitive.
CREATE UNIQUE INDEX accounts_user_email_ux ON accounts_user (email);

-- Single-use tokens mailed to a user: email verification, password reset, email change.
CREATE TABLE accounts_token (
    id          UUID                     NOT NULL PRIMARY KEY,
    user_id     UUID                     NOT NULL REFERENCES accounts_user (id) ON DELETE CASCADE,
    purpose     VARCHAR(20)              NOT NULL CHECK (purpose IN ('VERIFY_EMAIL', 'RESET_PASSWORD')),
    token_hash  CHAR(64)                 NOT NULL,
    email       VARCHAR(254)             NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX accounts_token_hash_ux ON accounts_token (token_hash);
CREATE INDEX accounts_token_user_ix ON accounts_token (user_id);
