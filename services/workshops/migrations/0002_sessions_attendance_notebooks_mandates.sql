-- The workshops issue: rosters over time, phases, sessions (with their changes), attendance (with
-- its corrections), priority axes, synthesis notebooks (versioned) and mandates.

-- A member's time on a roster: joined, and left (withdrawn, or moved to another workshop).
-- workshop_members stays the current roster.
CREATE TABLE roster_periods (
  id           BIGSERIAL PRIMARY KEY,
  workshop_id  TEXT NOT NULL REFERENCES workshops (id),
  member_id    TEXT NOT NULL,
  joined_on    DATE NOT NULL,
  left_on      DATE,
  left_reason  TEXT
);
CREATE INDEX roster_periods_member ON roster_periods (member_id);
INSERT INTO roster_periods (workshop_id, member_id, joined_on)
  SELECT workshop_id, member_id, joined_at::date FROM workshop_members;

CREATE TABLE phases (
  assembly_id  TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('discovery', 'recommendations', 'co-construction-and-vote')),
  starts_on    DATE NOT NULL,
  ends_on      DATE NOT NULL CHECK (ends_on >= starts_on),
  PRIMARY KEY (assembly_id, kind)
);

CREATE TABLE sessions (
  id             TEXT PRIMARY KEY,
  assembly_id    TEXT NOT NULL,
  workshop_id    TEXT REFERENCES workshops (id),   -- NULL: a plenary, gathering every workshop
  type           TEXT NOT NULL CHECK (type IN ('working-session', 'hearing', 'site-visit', 'training', 'plenary', 'co-construction')),
  title          TEXT NOT NULL,
  starts_at      TIMESTAMPTZ NOT NULL,
  ends_at        TIMESTAMPTZ NOT NULL CHECK (ends_at > starts_at),
  place          TEXT NOT NULL DEFAULT '',
  online_link    TEXT NOT NULL DEFAULT '',
  agenda         TEXT NOT NULL DEFAULT '',
  minutes        TEXT NOT NULL DEFAULT '',
  documents      JSONB NOT NULL DEFAULT '[]',      -- [{"title", "url"}]
  speakers       JSONB NOT NULL DEFAULT '[]',      -- hearing: [{"name", "organisation", "topic"}]
  site           TEXT NOT NULL DEFAULT '',         -- site visit
  state          TEXT NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'held', 'cancelled')),
  state_reason   TEXT NOT NULL DEFAULT '',
  sequence       INTEGER NOT NULL DEFAULT 0,       -- reschedules, for calendars
  checkin_code   TEXT NOT NULL,
  created_by     TEXT NOT NULL,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK ((type = 'plenary') = (workshop_id IS NULL))
);
CREATE INDEX sessions_workshop ON sessions (workshop_id, starts_at);
CREATE INDEX sessions_assembly ON sessions (assembly_id, starts_at);

CREATE TABLE session_changes (
  seq         BIGSERIAL PRIMARY KEY,
  session_id  TEXT NOT NULL REFERENCES sessions (id),
  at          TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  actor       TEXT NOT NULL,
  change      TEXT NOT NULL,   -- scheduled | rescheduled | cancelled | held | minutes | document
  detail      JSONB NOT NULL DEFAULT '{}'
);

CREATE TABLE attendance (
  session_id   TEXT NOT NULL REFERENCES sessions (id),
  member_id    TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('present', 'excused', 'absent')),
  revision     INTEGER NOT NULL,
  recorded_by  TEXT NOT NULL,
  recorded_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, member_id)
);
-- Every record and correction, kept with who made it and how.
CREATE TABLE attendance_changes (
  session_id   TEXT NOT NULL,
  member_id    TEXT NOT NULL,
  revision     INTEGER NOT NULL,
  status       TEXT NOT NULL,
  recorded_by  TEXT NOT NULL,
  via          TEXT NOT NULL CHECK (via IN ('secretariat', 'check-in')),
  recorded_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (session_id, member_id, revision)
);

CREATE TABLE priority_axes (
  id           TEXT PRIMARY KEY,
  workshop_id  TEXT NOT NULL REFERENCES workshops (id),
  rank         INTEGER NOT NULL,
  title        TEXT NOT NULL,
  description  TEXT NOT NULL DEFAULT '',
  chosen_on    DATE NOT NULL,
  created_by   TEXT NOT NULL,
  UNIQUE (workshop_id, rank)
);

CREATE TABLE notebook_versions (
  workshop_id  TEXT NOT NULL REFERENCES workshops (id),
  version      INTEGER NOT NULL,
  text         TEXT NOT NULL,
  note         TEXT NOT NULL DEFAULT '',
  author       TEXT NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  submitted_at TIMESTAMPTZ,
  submitted_by TEXT,
  PRIMARY KEY (workshop_id, version)
);

CREATE TABLE mandates (
  id            TEXT PRIMARY KEY,
  workshop_id   TEXT NOT NULL REFERENCES workshops (id),
  text          TEXT NOT NULL,
  proposed_by   TEXT NOT NULL,
  proposed_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  state         TEXT NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'adopted', 'rejected')),
  session_id    TEXT REFERENCES sessions (id),   -- the plenary that voted
  votes_for     INTEGER,
  votes_against INTEGER,
  abstentions   INTEGER,
  decided_at    TIMESTAMPTZ,
  recorded_by   TEXT
);
-- One adopted mandate per workshop.
CREATE UNIQUE INDEX mandates_adopted ON mandates (workshop_id) WHERE state = 'adopted';
