-- Recommendations: versioned text, amendments, status with its history, co-construction feedback.
CREATE TABLE recommendations (
  id            TEXT PRIMARY KEY,
  assembly_id   TEXT NOT NULL,
  workshop_id   TEXT NOT NULL,
  theme         TEXT NOT NULL,
  title         TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'draft',
  version       INTEGER NOT NULL DEFAULT 1,
  motion_id     TEXT,
  created_by    TEXT NOT NULL,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX recommendations_assembly ON recommendations (assembly_id, theme);
CREATE TABLE recommendation_versions (
  recommendation_id  TEXT NOT NULL REFERENCES recommendations (id),
  version            INTEGER NOT NULL,
  text               TEXT NOT NULL,
  author             TEXT NOT NULL,
  amendment_id       TEXT,             -- the accepted amendment that made it
  created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (recommendation_id, version)
);
CREATE TABLE recommendation_changes (
  seq                BIGSERIAL PRIMARY KEY,
  recommendation_id  TEXT NOT NULL REFERENCES recommendations (id),
  at                 TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  actor              TEXT NOT NULL,
  from_status        TEXT NOT NULL,
  to_status          TEXT NOT NULL,
  reason             TEXT NOT NULL DEFAULT ''
);
CREATE TABLE amendments (
  id                 TEXT PRIMARY KEY,
  recommendation_id  TEXT NOT NULL REFERENCES recommendations (id),
  base_version       INTEGER NOT NULL,
  text               TEXT NOT NULL,     -- the whole text as amended
  rationale          TEXT NOT NULL DEFAULT '',
  author             TEXT NOT NULL,
  state              TEXT NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'accepted', 'rejected')),
  decided_by         TEXT,
  decided_at         TIMESTAMPTZ,
  created_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE feedback (
  id                 TEXT PRIMARY KEY,
  recommendation_id  TEXT NOT NULL REFERENCES recommendations (id),
  reply_to           TEXT REFERENCES feedback (id),
  author             TEXT NOT NULL,
  author_role        TEXT NOT NULL,     -- city-service | member
  feasibility        TEXT NOT NULL DEFAULT '',
  cost_estimate      TEXT NOT NULL DEFAULT '',
  legal_constraints  TEXT NOT NULL DEFAULT '',
  department         TEXT NOT NULL DEFAULT '',
  text               TEXT NOT NULL,
  created_at         TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX feedback_recommendation ON feedback (recommendation_id, created_at);
