-- The owner's own question on the lead form as it was worded when the visitor answered, and the answer.
ALTER TABLE visitors_lead ADD COLUMN question VARCHAR(200);
ALTER TABLE visitors_lead ADD COLUMN answer VARCHAR(1000);
