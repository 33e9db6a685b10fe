-- Invitation draws: a seed commitment first (its SHA-256, published), then the draw with the seed.
CREATE TABLE invitation_draws (
  id               TEXT PRIMARY KEY,
  assembly_id      TEXT NOT NULL,
  pool_id          TEXT NOT NULL REFERENCES pools(id),
  invited          INT NOT NULL CHECK (invited > 0),
  stratify_by      TEXT,
  seed_commitment  TEXT NOT NULL,
  state            TEXT NOT NULL CHECK (state IN ('committed', 'drawn')),
  seed             TEXT,
  algorithm        TEXT NOT NULL,
  snapshot_sha256  TEXT,
  result_sha256    TEXT,
  strata           JSONB,            -- [{value, size, seats}] of a stratified draw
  server_ms        DOUBLE PRECISION,
  committed_by     TEXT NOT NULL,
  committed_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  drawn_by         TEXT,
  drawn_at         TIMESTAMPTZ
);
CREATE INDEX invitation_draws_assembly ON invitation_draws (assembly_id, committed_at);

-- The invitees in draw order. The response code printed on each letter is derived from a keyed
-- hash (never stored); only its SHA-256 is kept, to find the invitation when someone answers.
CREATE TABLE invitations (
  draw_id      TEXT NOT NULL REFERENCES invitation_draws(id),
  rank         INT NOT NULL,
  pool_id      TEXT NOT NULL,
  position     INT NOT NULL,
  person_id    TEXT NOT NULL,
  code_sha256  TEXT NOT NULL UNIQUE,
  PRIMARY KEY (draw_id, rank),
  UNIQUE (draw_id, person_id)
);
