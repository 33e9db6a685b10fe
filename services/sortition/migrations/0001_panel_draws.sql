-- Panel draws and the people they selected (pseudonymous ids and stratification attributes only).
CREATE TABLE panel_draws (
  id           TEXT PRIMARY KEY,
  assembly_id  TEXT NOT NULL,
  seats        INT NOT NULL CHECK (seats > 0),
  seed_sha256  TEXT NOT NULL,
  candidates_sha256 TEXT NOT NULL,
  candidate_count INT NOT NULL,
  created_by   TEXT NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX panel_draws_assembly ON panel_draws (assembly_id, created_at);

CREATE TABLE panel_draw_members (
  draw_id    TEXT NOT NULL REFERENCES panel_draws(id),
  rank       INT NOT NULL,
  person_id  TEXT NOT NULL,
  pool       TEXT NOT NULL,
  attributes JSONB NOT NULL DEFAULT '{}',
  PRIMARY KEY (draw_id, rank),
  UNIQUE (draw_id, person_id)
);
