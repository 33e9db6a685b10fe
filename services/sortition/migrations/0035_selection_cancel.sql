-- A panel selection can be cancelled by the secretariat (POST /v1/selections/{id}/cancel): one not
-- yet running becomes 'cancelled' at once; a running one is asked to stop (cancel_requested_at),
-- and its worker stops at its next progress report (within seconds) and marks it
-- 'cancelled'. Nothing is drawn and no event is published for a cancelled selection.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- The check of the states is replaced by one that allows 'cancelled', in the same transaction: no
-- row is ever without one.
-- squawk-ignore ban-drop-constraint
ALTER TABLE selections DROP CONSTRAINT selections_state_check;
-- Every existing row is in one of the former states: NOT VALID skips a scan that cannot fail,
-- and the check holds for every row written from now on.
ALTER TABLE selections ADD CONSTRAINT selections_state_check
  CHECK (state IN ('committed', 'queued', 'running', 'done', 'failed', 'cancelled')) NOT VALID;

ALTER TABLE selections
  ADD COLUMN cancel_requested_at TIMESTAMPTZ,
  ADD COLUMN cancelled_by TEXT;
