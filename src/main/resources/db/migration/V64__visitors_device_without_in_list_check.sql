-- H2 2.4 can fail evaluating IN-list CHECK constraints under concurrent inserts and then closes the database:
-- the device column is rebuilt without one (dropping the column drops its constraint on H2 and PostgreSQL);
-- the application only ever writes the five device classes.
ALTER TABLE visitors_visitor ADD COLUMN device_class VARCHAR(10) DEFAULT 'unknown' NOT NULL;
UPDATE visitors_visitor SET device_class = device;
ALTER TABLE visitors_visitor DROP COLUMN device;
ALTER TABLE visitors_visitor RENAME COLUMN device_class TO device;
