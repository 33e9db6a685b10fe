-- The invitation letters of an invitation draw: a job the secretariat starts, run in the
-- background (one at a time per replica, claimed with a lease), and the PDF files it made. The
-- names and addresses come from sortition's mailing list when the job runs and are only in the
-- files, sealed in the document store; no row here holds any of them.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

CREATE TABLE letter_jobs (
  id            TEXT PRIMARY KEY,
  draw_id       TEXT NOT NULL,
  assembly_id   TEXT NOT NULL,
  batch_size    BIGINT NOT NULL,             -- letters per file for the printer
  answer_by     DATE NOT NULL,               -- printed: the date to answer by
  state         TEXT NOT NULL DEFAULT 'queued',  -- queued | running | done | failed | erased
  total         BIGINT NOT NULL DEFAULT 0,   -- letters to make (the invitees with an address)
  done          BIGINT NOT NULL DEFAULT 0,   -- letters made so far (the progress)
  skipped       BIGINT NOT NULL DEFAULT 0,   -- invitees whose personal data was erased: no letter
  attempts      BIGINT NOT NULL DEFAULT 0,
  error         TEXT NOT NULL DEFAULT '',    -- why it failed (never a name nor an address)
  requested_by  TEXT NOT NULL,
  claim         TEXT NOT NULL DEFAULT '',    -- the running replica's claim (a new one each time)
  claimed_at    TIMESTAMPTZ,                 -- its lease, renewed with the progress
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  finished_at   TIMESTAMPTZ,
  expires_at    TIMESTAMPTZ,                 -- the files are erased then (LETTER_FILES_HOURS)
  erased_at     TIMESTAMPTZ,
  updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX letter_jobs_assembly ON letter_jobs (assembly_id, created_at);
CREATE INDEX letter_jobs_to_run ON letter_jobs (state, created_at) WHERE state IN ('queued', 'running');

-- One file of a job: the whole run (part 0) and the printer's batches (1, 2, ...), each a sealed
-- object of the document store.
CREATE TABLE letter_files (
  job_id        TEXT NOT NULL REFERENCES letter_jobs (id) ON DELETE CASCADE,
  part          BIGINT NOT NULL,
  first_letter  BIGINT NOT NULL,             -- 1-based, in the draw's order
  letters       BIGINT NOT NULL,
  size_bytes    BIGINT NOT NULL,             -- of the PDF
  sha256        TEXT NOT NULL,               -- of the PDF
  object_key    TEXT NOT NULL,               -- never shown
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (job_id, part)
);
