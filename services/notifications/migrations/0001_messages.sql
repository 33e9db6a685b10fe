-- The notifications service: the members it writes to (a projection of membership's events: no
-- contact detail, which it reads from membership when it sends), their choices of optional
-- messages, and every message with its cause.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- A member as membership's events tell it: assembly, status, workshop. Never a name nor an address.
CREATE TABLE members (
  member_id      TEXT PRIMARY KEY,
  assembly_id    TEXT NOT NULL,
  status         TEXT NOT NULL,           -- invited | confirmed | active | declined | withdrawn
  workshop_theme TEXT NOT NULL DEFAULT '',
  invited_on     DATE,
  updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX members_assembly ON members (assembly_id, status);

-- The optional kinds of message a member refused (the mandatory ones always go).
CREATE TABLE preferences (
  member_id  TEXT PRIMARY KEY,
  refused    TEXT[] NOT NULL DEFAULT '{}',
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_by TEXT NOT NULL DEFAULT ''
);

-- One message per recipient and cause (the unique key): a cause seen twice (an event redelivered,
-- a replay) writes nothing more. The body, rendered at sending, is kept sealed until the
-- retention ends (MESSAGE_RETENTION_DAYS), then erased; the row stays as the record of what was
-- sent to whom and when.
CREATE TABLE messages (
  id              TEXT PRIMARY KEY,
  member_id       TEXT NOT NULL,
  assembly_id     TEXT NOT NULL,
  kind            TEXT NOT NULL,
  cause           TEXT NOT NULL,           -- "invited:<member>", "report:<report>", ...
  params          JSONB NOT NULL DEFAULT '{}'::jsonb,  -- the cause's facts (no personal data)
  state           TEXT NOT NULL DEFAULT 'pending',
  attempts        BIGINT NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  claimed_at      TIMESTAMPTZ,
  last_error      TEXT NOT NULL DEFAULT '',  -- the SMTP code and the call, never an address
  channel         TEXT NOT NULL DEFAULT '',
  language        TEXT NOT NULL DEFAULT '',
  body_sealed     BYTEA,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  sent_at         TIMESTAMPTZ,
  updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (member_id, cause)
);
CREATE INDEX messages_due ON messages (next_attempt_at) WHERE state = 'pending';
CREATE INDEX messages_member ON messages (member_id, created_at);
CREATE INDEX messages_assembly ON messages (assembly_id, kind, state);
CREATE INDEX messages_cause ON messages (cause);
