-- The plenary sessions (workshops' ids) where a recommendation was handed over and where a motion
-- was put to the vote of the whole assembly. Earlier rows have none.
SET LOCAL lock_timeout = '1s';
SET LOCAL statement_timeout = '5s';
ALTER TABLE recommendations ADD COLUMN plenary_session_id TEXT;
ALTER TABLE ballots ADD COLUMN plenary_session_id TEXT;
