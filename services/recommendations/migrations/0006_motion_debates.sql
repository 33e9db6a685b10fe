-- The debate on a motion at the last plenary: the group's presentation, the interventions and the
-- summary, recorded by the secretariat beside the vote. Speakers by role; a name only when the
-- speaker agreed to it (it is published with the debate).
SET LOCAL lock_timeout = '1s';
SET LOCAL statement_timeout = '5s';
CREATE TABLE motion_debates (
  motion_id             TEXT PRIMARY KEY REFERENCES motions (id),
  plenary_session_id    TEXT NOT NULL,
  presentation_summary  TEXT NOT NULL,
  summary               TEXT NOT NULL,
  recorded_by           TEXT NOT NULL,
  recorded_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE motion_debate_speakers (
  motion_id  TEXT NOT NULL REFERENCES motion_debates (motion_id),
  part       TEXT NOT NULL CHECK (part IN ('presentation', 'intervention')),
  position   BIGINT NOT NULL,
  role       TEXT NOT NULL,
  name       TEXT NOT NULL DEFAULT '',   -- only with the speaker's consent
  summary    TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (motion_id, part, position)
);
