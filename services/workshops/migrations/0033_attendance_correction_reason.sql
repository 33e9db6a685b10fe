-- A correction of a member's attendance (a status recorded already, changed by the secretariat
-- or a facilitator) keeps why it was made; a first record and a check-in keep none (NULL).

-- Applied in one transaction: never wait long for a lock or a statement.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

ALTER TABLE attendance_changes ADD COLUMN reason TEXT;
