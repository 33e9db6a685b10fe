-- What was last published of the reach of a message to many (AudienceReached), by cause.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

CREATE TABLE reach_published (
  cause        TEXT PRIMARY KEY,
  sent         BIGINT NOT NULL,
  not_sent     BIGINT NOT NULL,
  total        BIGINT NOT NULL,
  published_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
