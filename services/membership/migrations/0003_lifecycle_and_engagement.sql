-- The membership issue: assemblies (cohorts), the full lifecycle with its history, workshop
-- assignment at activation, roles, trainings, participation, consent and contact details,
-- the evaluation of the mandate.

CREATE TABLE assemblies (
  id              TEXT PRIMARY KEY,          -- the id every service uses ("paris-2022-2023")
  name            TEXT NOT NULL,
  mandate_start   DATE,
  mandate_end     DATE,
  seat_pools      JSONB NOT NULL DEFAULT '[]',   -- [{"pool": "roll", "seats": 80}, ...]
  workshops       JSONB NOT NULL,                -- ["social-education", "environment", "public-space"]
  retention_days  INTEGER NOT NULL,              -- personal data kept this long after mandate_end
  anonymised_at   TIMESTAMPTZ,
  implicit        BOOLEAN NOT NULL DEFAULT false, -- made from a PanelSelected before the secretariat described it
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  created_by      TEXT NOT NULL
);
INSERT INTO assemblies (id, name, workshops, retention_days, implicit, created_by)
  SELECT DISTINCT assembly_id, assembly_id, '["social-education", "environment", "public-space"]'::jsonb, 365, true, 'migration'
  FROM members;

-- Assignment happens at activation now: a selected member has no workshop yet.
ALTER TABLE members ALTER COLUMN workshop_theme DROP NOT NULL;
UPDATE members SET workshop_theme = NULL WHERE status <> 'active';
ALTER TABLE members ADD COLUMN attributes JSONB NOT NULL DEFAULT '{}';  -- stratification attributes
ALTER TABLE members ADD COLUMN preferences JSONB NOT NULL DEFAULT '[]'; -- workshop themes, most wanted first
ALTER TABLE members ADD COLUMN replaced_by TEXT;                        -- the member who took the seat
ALTER TABLE members ADD CONSTRAINT members_status CHECK
  (status IN ('selected', 'invited', 'confirmed', 'declined', 'active', 'withdrawn', 'completed'));
ALTER TABLE members ALTER COLUMN person_id DROP NOT NULL;  -- NULL once anonymised
CREATE INDEX members_assembly_status ON members (assembly_id, status);

-- Everything that happened to a member, in order: never updated, never deleted.
CREATE TABLE member_history (
  seq         BIGSERIAL PRIMARY KEY,
  member_id   TEXT NOT NULL REFERENCES members (id),
  at          TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  actor       TEXT NOT NULL,                -- token subject, or "sortition" / "membership"
  change      TEXT NOT NULL,                -- created | status | workshop | role | replaced-by
  from_value  TEXT,
  to_value    TEXT,
  reason      TEXT,
  related     TEXT                          -- the member replaced / replacing, the role id
);
CREATE INDEX member_history_member ON member_history (member_id, seq);

CREATE TABLE roles (
  id              TEXT PRIMARY KEY,
  member_id       TEXT NOT NULL REFERENCES members (id),
  assembly_id     TEXT NOT NULL,
  role            TEXT NOT NULL CHECK (role IN ('spokesperson', 'workshop-referent')),
  motion_id       TEXT,
  workshop_theme  TEXT,
  assigned_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  assigned_by     TEXT NOT NULL,
  ended_at        TIMESTAMPTZ,
  ended_by        TEXT
);
CREATE INDEX roles_member ON roles (member_id);
-- One live spokesperson role per member and motion, one live referent role per member and workshop.
CREATE UNIQUE INDEX roles_live ON roles (member_id, role, coalesce(motion_id, ''), coalesce(workshop_theme, ''))
  WHERE ended_at IS NULL;

CREATE TABLE trainings (
  id           TEXT PRIMARY KEY,
  assembly_id  TEXT NOT NULL REFERENCES assemblies (id),
  topic        TEXT NOT NULL,       -- public-speaking | reading-the-news | ...
  title        TEXT NOT NULL,
  held_on      DATE NOT NULL,
  created_by   TEXT NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE trainings_followed (
  training_id  TEXT NOT NULL REFERENCES trainings (id),
  member_id    TEXT NOT NULL REFERENCES members (id),
  recorded_by  TEXT NOT NULL,
  recorded_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (training_id, member_id)
);

-- Attendance as workshops reports it (AttendanceRecorded); the highest revision wins.
CREATE TABLE attendance (
  session_id    TEXT NOT NULL,
  member_id     TEXT NOT NULL,
  assembly_id   TEXT NOT NULL,
  workshop_id   TEXT NOT NULL,
  session_type  TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('present', 'excused', 'absent')),
  held_at       TIMESTAMPTZ NOT NULL,
  revision      INTEGER NOT NULL,
  PRIMARY KEY (session_id, member_id)
);
CREATE INDEX attendance_member ON attendance (member_id, held_at);
CREATE INDEX attendance_assembly ON attendance (assembly_id);

CREATE TABLE consents (
  id            TEXT PRIMARY KEY,
  member_id     TEXT NOT NULL REFERENCES members (id),
  purpose       TEXT NOT NULL,      -- participation | contact | photos | ...
  text_version  TEXT NOT NULL,
  given         BOOLEAN NOT NULL,   -- false: consent refused or withdrawn
  given_on      DATE NOT NULL,
  channel       TEXT NOT NULL CHECK (channel IN ('paper', 'web', 'phone', 'in-person', 'email')),
  recorded_by   TEXT NOT NULL,
  recorded_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX consents_member ON consents (member_id, recorded_at);

-- Contact details are personal data: sealed (XChaCha20-Poly1305) under the service's key; the
-- nonce is derived from the member id and `version`, which grows with every update.
CREATE TABLE contacts (
  member_id          TEXT PRIMARY KEY REFERENCES members (id),
  sealed             BYTEA NOT NULL,
  version            INTEGER NOT NULL,
  preferred_channel  TEXT NOT NULL CHECK (preferred_channel IN ('email', 'sms', 'phone', 'post')),
  language           TEXT NOT NULL,
  updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE evaluations (
  id           TEXT PRIMARY KEY,
  assembly_id  TEXT NOT NULL REFERENCES assemblies (id),
  title        TEXT NOT NULL,
  questions    JSONB NOT NULL,
  state        TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'open', 'closed')),
  created_by   TEXT NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  opened_at    TIMESTAMPTZ,
  closed_at    TIMESTAMPTZ
);
-- Who answered (once each) and what was answered are kept apart, with nothing to join them:
-- no member id, no time on the answers.
CREATE TABLE evaluation_respondents (
  evaluation_id  TEXT NOT NULL REFERENCES evaluations (id),
  member_id      TEXT NOT NULL REFERENCES members (id),
  PRIMARY KEY (evaluation_id, member_id)
);
CREATE TABLE evaluation_answers (
  evaluation_id  TEXT NOT NULL REFERENCES evaluations (id),
  response_id    TEXT NOT NULL,     -- random, says nothing of who
  answers        JSONB NOT NULL,
  PRIMARY KEY (evaluation_id, response_id)
);
