-- The erasure of one person on request (docs/privacy.md): the request, one per member, and what
-- each service reported it erased (its ErasureCompleted).
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

CREATE TABLE erasures (
  id            TEXT PRIMARY KEY,
  member_id     TEXT NOT NULL UNIQUE,
  requested_by  TEXT NOT NULL,
  requested_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE erasure_reports (
  erasure_id    TEXT NOT NULL REFERENCES erasures (id),
  service       TEXT NOT NULL,
  erased        JSONB NOT NULL,           -- kind of data -> rows erased
  completed_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (erasure_id, service)
);
