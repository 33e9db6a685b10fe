-- The Council's sessions and agenda, the commitments made for the adopted recommendations, and the
-- "droit de suite" reports.

-- What recommendations told of the motion's recommendations (RecommendationSubmitted), and which
-- of them each motion carried to the Council (MotionSentToCouncil).
CREATE TABLE recommendations (
  id          TEXT PRIMARY KEY,
  assembly_id TEXT NOT NULL,
  workshop_id TEXT NOT NULL,
  theme       TEXT NOT NULL,
  title       TEXT NOT NULL,
  text        TEXT NOT NULL,
  version     INT  NOT NULL
);
CREATE TABLE dossier_recommendations (
  dossier_id        TEXT NOT NULL REFERENCES dossiers (id),
  recommendation_id TEXT NOT NULL,
  position          INT  NOT NULL,
  PRIMARY KEY (dossier_id, recommendation_id)
);
CREATE UNIQUE INDEX dossier_recommendations_once ON dossier_recommendations (recommendation_id);

CREATE TABLE council_sessions (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  body        TEXT NOT NULL,
  held_on     DATE NOT NULL,
  created_by  TEXT NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX council_sessions_date ON council_sessions (held_on);

-- One agenda item per motion: its presentation by the spokespersons, the debate, the decision.
CREATE TABLE agenda_items (
  id             TEXT PRIMARY KEY,
  session_id     TEXT NOT NULL REFERENCES council_sessions (id),
  dossier_id     TEXT NOT NULL UNIQUE REFERENCES dossiers (id),
  position       INT  NOT NULL,
  presentation   TEXT NOT NULL DEFAULT '',
  debate_summary TEXT NOT NULL DEFAULT '',
  decision       TEXT CHECK (decision IN ('adopted', 'adopted-with-amendments', 'rejected')),
  votes_for      INT,
  votes_against  INT,
  abstentions    INT,
  amendments     TEXT NOT NULL DEFAULT '',
  decided_at     TIMESTAMPTZ,
  decided_by     TEXT,
  placed_by      TEXT NOT NULL,
  placed_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE group_positions (
  agenda_item_id  TEXT NOT NULL REFERENCES agenda_items (id),
  political_group TEXT NOT NULL,
  position        TEXT NOT NULL CHECK (position IN ('for', 'against', 'abstention', 'divided')),
  summary         TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (agenda_item_id, political_group)
);

CREATE TABLE commitments (
  id                TEXT PRIMARY KEY,
  assembly_id       TEXT NOT NULL,
  dossier_id        TEXT NOT NULL REFERENCES dossiers (id),
  recommendation_id TEXT NOT NULL,
  title             TEXT NOT NULL,
  description       TEXT NOT NULL DEFAULT '',
  department        TEXT NOT NULL,
  elected_official  TEXT NOT NULL DEFAULT '',
  deliverables      JSONB NOT NULL DEFAULT '[]',
  status            TEXT NOT NULL DEFAULT 'planned',
  progress          INT  NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  status_reason     TEXT NOT NULL DEFAULT '',
  created_by        TEXT NOT NULL,
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX commitments_assembly ON commitments (assembly_id, dossier_id);

-- The timeline: every change, with the state after it.
CREATE TABLE commitment_changes (
  commitment_id TEXT NOT NULL REFERENCES commitments (id),
  seq           INT  NOT NULL,
  at            TIMESTAMPTZ NOT NULL DEFAULT now(),
  actor         TEXT NOT NULL,
  kind          TEXT NOT NULL,
  status        TEXT NOT NULL,
  progress      INT  NOT NULL,
  note          TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (commitment_id, seq)
);

CREATE TABLE milestones (
  id                 TEXT PRIMARY KEY,
  commitment_id      TEXT NOT NULL REFERENCES commitments (id),
  title              TEXT NOT NULL,
  due_on             DATE NOT NULL,
  done_on            DATE,
  created_on         DATE NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')::date,
  overdue_flagged_at TIMESTAMPTZ
);
CREATE INDEX milestones_commitment ON milestones (commitment_id, due_on);

CREATE TABLE evidence (
  commitment_id TEXT NOT NULL REFERENCES commitments (id),
  seq           INT  NOT NULL,
  url           TEXT NOT NULL,
  label         TEXT NOT NULL,
  added_by      TEXT NOT NULL,
  added_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (commitment_id, seq)
);

CREATE TABLE report_schedules (
  assembly_id  TEXT PRIMARY KEY,
  first_due_on DATE NOT NULL,
  every_months INT  NOT NULL CHECK (every_months BETWEEN 1 AND 24),
  set_by       TEXT NOT NULL,
  set_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE reports (
  id                 TEXT PRIMARY KEY,
  assembly_id        TEXT NOT NULL,
  sequence           INT  NOT NULL,
  due_on             DATE NOT NULL,
  status             TEXT NOT NULL DEFAULT 'scheduled',
  as_of              DATE,
  summary            TEXT NOT NULL DEFAULT '',
  snapshot           JSONB,
  compiled_at        TIMESTAMPTZ,
  published_at       TIMESTAMPTZ,
  published_by       TEXT,
  overdue_flagged_at TIMESTAMPTZ,
  UNIQUE (assembly_id, sequence)
);
