-- Anonymous daily counts of dashboard feature use (route templates such as "GET /app/bots/{id}"), counted
-- only for users who allowed product-improvement analytics. No user id is stored.
CREATE TABLE policies_feature_use (
    use_date DATE         NOT NULL,
    feature  VARCHAR(200) NOT NULL,
    uses     BIGINT       NOT NULL,
    PRIMARY KEY (use_date, feature)
);

-- Product-news mails sent by the operator (the recipients are not kept: only how many there were).
CREATE TABLE policies_news (
    id         UUID                     NOT NULL PRIMARY KEY,
    subject    VARCHAR(200)             NOT NULL,
    body       TEXT                     NOT NULL,
    recipients INT                      NOT NULL,
    sent_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_by    VARCHAR(254)             NOT NULL
);
