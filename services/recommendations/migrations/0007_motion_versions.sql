-- A motion's text, versioned: each version drafted in a co-construction session (workshops' id),
-- with who proposed it (a member of the workshop, a city department, a representative of the
-- elected officials, or the secretariat). The motion's title and text are its last version's.
SET LOCAL lock_timeout = '1s';
SET LOCAL statement_timeout = '5s';
CREATE TABLE motion_versions (
  motion_id              TEXT NOT NULL REFERENCES motions (id),
  version                BIGINT NOT NULL,
  title                  TEXT NOT NULL,
  text                   TEXT NOT NULL,
  session_id             TEXT NOT NULL DEFAULT '',   -- '' when the secretariat set the text without one
  proposer_kind          TEXT NOT NULL CHECK (proposer_kind IN ('member', 'department', 'elected-representative', 'secretariat')),
  proposer_member_id     TEXT NOT NULL DEFAULT '',
  proposer_organisation  TEXT NOT NULL DEFAULT '',
  note                   TEXT NOT NULL DEFAULT '',
  recorded_by            TEXT NOT NULL,
  created_at             TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (motion_id, version)
);
ALTER TABLE motions ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE motions ADD COLUMN approved_at TIMESTAMPTZ;
-- The version of its motion a workshop's ballot approves.
ALTER TABLE ballots ADD COLUMN motion_version BIGINT;

-- A text set before versions existed becomes the motion's version 1, by the secretariat.
INSERT INTO motion_versions (motion_id, version, title, text, proposer_kind, recorded_by)
SELECT id, 1, title, text, 'secretariat', 'secretariat' FROM motions WHERE title <> '' OR text <> '';
UPDATE motions SET version = 1 WHERE title <> '' OR text <> '';
