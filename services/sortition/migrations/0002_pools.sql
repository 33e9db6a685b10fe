-- Pools (the electoral roll, non-EU residents, minors), their import jobs and their people.
CREATE TABLE pools (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('roll', 'non-eu-residents', 'minors')),
  state           TEXT NOT NULL CHECK (state IN ('importing', 'ready', 'failed')),
  row_count       BIGINT,
  snapshot_sha256 TEXT,
  created_by      TEXT NOT NULL,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  ready_at        TIMESTAMPTZ
);

CREATE TABLE pool_imports (
  id              TEXT PRIMARY KEY,
  pool_id         TEXT NOT NULL REFERENCES pools(id),
  state           TEXT NOT NULL CHECK (state IN ('receiving', 'succeeded', 'failed')),
  parts_received  INT NOT NULL DEFAULT 0,
  last_part_sha256 TEXT,
  bytes_received  BIGINT NOT NULL DEFAULT 0,
  lines_read      BIGINT NOT NULL DEFAULT 0,   -- header included
  rows_read       BIGINT NOT NULL DEFAULT 0,
  rows_total      BIGINT,                      -- announced by the uploader, or known at the end
  tail            BYTEA NOT NULL DEFAULT '',   -- the incomplete last line of the parts so far
  hash_state      BYTEA,                       -- SHA-256 of the snapshot so far
  failure         TEXT,
  errors          JSONB NOT NULL DEFAULT '[]',
  created_by      TEXT NOT NULL,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  finished_at     TIMESTAMPTZ
);
CREATE INDEX pool_imports_receiving ON pool_imports (updated_at) WHERE state = 'receiving';

-- One partition per pool: a failed import drops its partition, so nothing of it stays.
-- Names, addresses, birth dates (and the voter id) are sealed in `pii` (see README).
CREATE TABLE pool_people (
  pool_id        TEXT NOT NULL,
  position       INT NOT NULL,
  person_id      TEXT NOT NULL,
  sex            TEXT NOT NULL,
  birth_year     SMALLINT NOT NULL,
  arrondissement TEXT NOT NULL,
  household      TEXT NOT NULL,
  pii            BYTEA,            -- NULL once erased
  PRIMARY KEY (pool_id, position),
  UNIQUE (pool_id, person_id)
) PARTITION BY LIST (pool_id);

-- Every read of decrypted personal data (mailing-list exports), who and what.
CREATE TABLE pii_reads (
  id         BIGSERIAL PRIMARY KEY,
  actor      TEXT NOT NULL,
  purpose    TEXT NOT NULL,
  subject    TEXT NOT NULL,        -- what was read: an invitation draw id, a person id
  row_count  INT NOT NULL,
  read_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
