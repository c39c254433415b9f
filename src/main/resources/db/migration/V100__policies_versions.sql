-- The platform's privacy policy and terms, one row per published version. The body is plain text with a
-- small Markdown subset ("## heading", "- item", "**bold**"), rendered as text, never as HTML.
CREATE TABLE policies_version (
    id           UUID                     NOT NULL PRIMARY KEY,
    kind         VARCHAR(10)              NOT NULL CHECK (kind = 'PRIVACY' OR kind = 'TERMS'),
    version      INT                      NOT NULL CHECK (version >= 1),
    title        VARCHAR(200)             NOT NULL,
    body         TEXT                     NOT NULL,
    summary      VARCHAR(2000)            NOT NULL,
    published_at TIMESTAMP WITH TIME ZONE NOT NULL,
    -- The operator's email; NULL for the versions shipped with the software.
    published_by VARCHAR(254)
);
CREATE UNIQUE INDEX policies_version_kind_ux ON policies_version (kind, version);

INSERT INTO policies_version (id, kind, version, title, body, summary, published_at, published_by) VALUES (
'7f1c2a52-4d1e-4a57-9a43-0c1b6f1f0001', 'PRIVACY', 1, 'Privacy policy',
'Softnode is built so that every promise on this page is a working feature of the software.

## Who we process data for

This installation holds data for two groups: **users** (people with an account who build bots) and **visitors** (people who chat with a bot on a website). For visitors, the business running the bot decides why and how their data is used; the operator of this installation processes it on that business''s behalf.

## What we collect about users

- Name, email address, company name and a password hash (Argon2id — the password itself is never stored).
- Your workspace''s configuration: bots, their instructions and knowledge, team members and their roles.
- Hashes of API keys and one-time links (never the keys or links themselves).
- A session cookie while you are signed in. No advertising or analytics cookies, no trackers, no third-party scripts or fonts.
- Your choices about optional processing (product-improvement analytics, product news by email), with the time of each change. Both are off unless you turn them on.

## What we collect about visitors

- The messages of a conversation and the bot''s answers.
- A random visitor id kept in the chat frame, the page the chat was opened on and the referring site.
- An approximate location (country, region, city) derived from the IP address while the request is handled; the IP address itself is not stored.
- Contact details only when the visitor chooses to leave them in a form, with their consent recorded.

## Where data goes

The language-model provider, the payment provider and the mail relay receive data only when this installation is configured to use them. The section "Where your data goes" on this page lists what this installation actually uses.

## How long we keep it

Conversation logs are deleted after 90 days unless the workspace chooses a different period. Account data and leads are kept while the account exists and deleted with it. Anonymous daily statistics (counts without any personal data) are kept.

## Your rights

You can see and correct your profile, export everything your workspace holds, and delete your account from your settings. Visitors can erase their own conversation from the chat window at any time. For anything else, write to the operator of this installation with the privacy contact form on this page.',
'First version.', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00', NULL);

INSERT INTO policies_version (id, kind, version, title, body, summary, published_at, published_by) VALUES (
'7f1c2a52-4d1e-4a57-9a43-0c1b6f1f0002', 'TERMS', 1, 'Terms of use',
'These terms govern the use of this Softnode installation by workspace owners and their team members.

## 1. The service

This installation lets you create chat assistants ("bots") that answer visitors of your website from content you provide, using a language model. Answers are generated automatically and can be wrong; you are responsible for the content you feed a bot and for reviewing how it answers.

## 2. Your account

Keep your password and API keys secret. You are responsible for what is done with your account and keys. Tell the operator at once if you suspect misuse. Revoke keys you no longer need.

## 3. Your content and your visitors

You keep all rights to the content you upload and to your conversation logs and leads. You grant the operator only what is needed to run the service for you: storing, indexing and sending conversation text to the model provider to produce answers. You must have the right to use the content you upload, and a lawful basis to process your visitors'' data; you must tell your visitors about the assistant in your own privacy notice.

## 4. Acceptable use

Do not use the service to break the law, to send spam, to collect special categories of personal data without a lawful basis, to attack other systems, or to deceive visitors into thinking they talk to a person.

## 5. Deletion and export

You can export everything your workspace holds and delete your account at any time from your settings. Conversation logs are deleted automatically after your retention period (90 days unless you choose otherwise).

## 6. Availability and liability

The software is provided as is, under its open-source licence, without warranty. The operator of this installation sets its own availability commitments.',
'First version.', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00', NULL);
