-- Sessions within their phase; participants beside the members (city departments' staff and
-- representatives of elected officials) with their attendance; what each plenary decided.

-- Adding the columns takes a short exclusive lock on sessions: give up rather than queue behind a
-- long reader.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- The phase a session belongs to: the one it named (phase_named), or the one containing it when
-- the phases are dated. NULL: no phase known (not dated yet), or a plenary between two phases.
ALTER TABLE sessions ADD COLUMN phase TEXT;
ALTER TABLE sessions ADD COLUMN phase_named BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE session_participants (
  id            TEXT PRIMARY KEY,
  session_id    TEXT NOT NULL REFERENCES sessions (id),
  kind          TEXT NOT NULL CHECK (kind IN ('department', 'elected-representative')),
  name          TEXT NOT NULL,   -- professional data: never public, never in an event
  organisation  TEXT NOT NULL,   -- the department, or whose representative
  title         TEXT NOT NULL DEFAULT '',
  added_by      TEXT NOT NULL,
  added_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  removed_by    TEXT,
  removed_at    TIMESTAMPTZ
);
CREATE INDEX session_participants_session ON session_participants (session_id);

-- Participants' attendance, parallel to the members' (attendance, attendance_changes).
CREATE TABLE participant_attendance (
  session_id     TEXT NOT NULL REFERENCES sessions (id),
  participant_id TEXT NOT NULL REFERENCES session_participants (id),
  status         TEXT NOT NULL CHECK (status IN ('present', 'excused', 'absent')),
  revision       BIGINT NOT NULL,
  recorded_by    TEXT NOT NULL,
  recorded_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, participant_id)
);
CREATE TABLE participant_attendance_changes (
  session_id     TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  revision       BIGINT NOT NULL,
  status         TEXT NOT NULL,
  recorded_by    TEXT NOT NULL,
  recorded_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (session_id, participant_id, revision)
);

-- What was decided at a plenary, as known here: the mandates voted (kind 'mandate', recorded by
-- the vote) and, later, decisions other services announce (a recommendations' hand-over, a
-- wish's vote, an evaluation), recorded by an event handler: `source` names the service, and the
-- key makes a redelivered event a no-op. No foreign key on session_id: an announcement may name a
-- plenary before its session reaches this table.
CREATE TABLE plenary_decisions (
  session_id   TEXT NOT NULL,
  kind         TEXT NOT NULL,
  ref_id       TEXT NOT NULL,
  title        TEXT NOT NULL,
  outcome      TEXT NOT NULL,
  details      JSONB NOT NULL DEFAULT '{}',
  source       TEXT NOT NULL DEFAULT 'workshops',
  recorded_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, kind, ref_id)
);
