-- A pool is kept until the end of the mandate it serves plus a retention period
-- (POOL_RETENTION_DAYS); then its personal data is erased (state 'erased', when in
-- personal_data_erased_at) and its public record kept: row count, snapshot hash, the draws'
-- commitments, seeds and result hashes.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

ALTER TABLE pools
  ADD COLUMN mandate_end DATE,
  ADD COLUMN retain_until DATE,
  ADD COLUMN personal_data_erased_at TIMESTAMPTZ;
-- Pools imported before: as if their mandate ended two years after the import (the default of
-- POOL_DEFAULT_MANDATE_DAYS), kept one more year.
UPDATE pools SET retain_until = (created_at + INTERVAL '3 years')::date;
-- The check of the states is replaced by one that allows 'erased', in the same transaction: no
-- row is ever without one.
-- squawk-ignore ban-drop-constraint
ALTER TABLE pools DROP CONSTRAINT pools_state_check;
-- Every existing row is in one of the former states: NOT VALID skips a scan that cannot fail,
-- and the check holds for every row written from now on.
ALTER TABLE pools ADD CONSTRAINT pools_state_check
  CHECK (state IN ('importing', 'ready', 'failed', 'erased')) NOT VALID;
