-- Billing state per workspace. Only Stripe ids are stored, never card data.
CREATE TABLE billing_account (
    workspace_id         UUID                     NOT NULL PRIMARY KEY REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    customer_id          VARCHAR(255),
    plan                 VARCHAR(40),
    subscription_id      VARCHAR(255),
    status               VARCHAR(30),
    period_start         TIMESTAMP WITH TIME ZONE,
    period_end           TIMESTAMP WITH TIME ZONE,
    cancel_at_period_end BOOLEAN                  NOT NULL DEFAULT FALSE,
    grace_until          TIMESTAMP WITH TIME ZONE,
    -- Stripe's "created" (epoch seconds) of the newest event applied, to ignore older ones arriving late.
    state_at             BIGINT                   NOT NULL DEFAULT 0,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX billing_account_customer_ux ON billing_account (customer_id);

-- Checkout sessions the platform started, so a completed one maps back to the plan chosen.
CREATE TABLE billing_checkout (
    session_id   VARCHAR(255)             NOT NULL PRIMARY KEY,
    workspace_id UUID                     NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    plan         VARCHAR(40)              NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX billing_checkout_ws_ix ON billing_checkout (workspace_id);

-- Visitor messages per workspace and billing period; reserved with one conditional UPDATE.
CREATE TABLE billing_usage (
    workspace_id UUID                     NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    period_key   VARCHAR(40)              NOT NULL,
    messages     BIGINT                   NOT NULL DEFAULT 0,
    warned_80_at  TIMESTAMP WITH TIME ZONE,
    warned_100_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (workspace_id, period_key)
);

-- Every Stripe event applied, inserted in the transaction of its effect: a redelivery finds its id.
CREATE TABLE billing_stripe_event (
    id           VARCHAR(255)             NOT NULL PRIMARY KEY,
    type         VARCHAR(100)             NOT NULL,
    workspace_id UUID,
    processed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE billing_invoice (
    id           VARCHAR(255)             NOT NULL PRIMARY KEY,
    workspace_id UUID                     NOT NULL REFERENCES workspaces_workspace (id) ON DELETE CASCADE,
    number       VARCHAR(100),
    status       VARCHAR(30)              NOT NULL,
    amount       BIGINT                   NOT NULL,
    currency     VARCHAR(10)              NOT NULL,
    hosted_url   VARCHAR(2000),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX billing_invoice_ws_ix ON billing_invoice (workspace_id, created_at);
