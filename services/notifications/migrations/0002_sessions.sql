-- The sessions the members are told about (workshops' SessionChanged): as they are after their
-- latest change, for the reminder the day before.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

CREATE TABLE sessions (
  session_id     TEXT PRIMARY KEY,
  assembly_id    TEXT NOT NULL,
  workshop_theme TEXT NOT NULL DEFAULT '',   -- '' for a plenary: every seated member
  session_type   TEXT NOT NULL,
  title          TEXT NOT NULL,
  starts_at      TIMESTAMPTZ NOT NULL,
  ends_at        TIMESTAMPTZ NOT NULL,
  place          TEXT NOT NULL DEFAULT '',
  state          TEXT NOT NULL,              -- scheduled | moved | cancelled (the latest change)
  sequence       BIGINT NOT NULL DEFAULT 0,
  updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX sessions_upcoming ON sessions (starts_at) WHERE state <> 'cancelled';
