-- A fourth lead capture mode (only after an unanswered reply): the column is rebuilt without its IN-list CHECK
-- (H2 2.4 misbehaves with those under concurrent writes), which also drops that constraint on both databases.
ALTER TABLE bots_bot ADD COLUMN lead_capture_mode VARCHAR(24) DEFAULT 'OFF' NOT NULL;
UPDATE bots_bot SET lead_capture_mode = lead_capture;
ALTER TABLE bots_bot DROP COLUMN lead_capture;
ALTER TABLE bots_bot RENAME COLUMN lead_capture_mode TO lead_capture;

-- The owner's own question on the lead form, the privacy notice visitors may have to accept, and redaction in the stored log.
ALTER TABLE bots_bot ADD COLUMN lead_question VARCHAR(200);
ALTER TABLE bots_bot ADD COLUMN lead_question_required BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE bots_bot ADD COLUMN privacy_notice VARCHAR(1000);
ALTER TABLE bots_bot ADD COLUMN privacy_notice_required BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE bots_bot ADD COLUMN redact_stored_log BOOLEAN DEFAULT FALSE NOT NULL;

