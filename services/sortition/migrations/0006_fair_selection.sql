-- Fair panel selection (LEXIMIN by default): the algorithm asked for, a 'running' state with a
-- heartbeat (a worker that dies leaves its job to be taken again), and the running job's progress.
ALTER TABLE selections DROP CONSTRAINT selections_state_check;
ALTER TABLE selections ADD CONSTRAINT selections_state_check
  CHECK (state IN ('committed', 'queued', 'running', 'done', 'failed'));
ALTER TABLE selections
  ADD COLUMN requested_algorithm TEXT NOT NULL DEFAULT 'leximin'
    CHECK (requested_algorithm IN ('leximin', 'maximin', 'legacy')),
  ADD COLUMN progress JSONB,
  ADD COLUMN started_at TIMESTAMPTZ,
  ADD COLUMN heartbeat_at TIMESTAMPTZ;
