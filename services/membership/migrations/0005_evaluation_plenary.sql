-- The evaluation names the plenary session where it is presented (a workshops session id, as given:
-- membership does not read the workshops' data). Nullable: evaluations made before name none.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

ALTER TABLE evaluations ADD COLUMN plenary_session_id TEXT;
