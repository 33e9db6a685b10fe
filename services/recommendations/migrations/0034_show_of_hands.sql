-- A plenary that votes by show of hands: the ballot says so when it opens (it takes no vote
-- through the service, and is never secret); the secretariat enters the tally counted in the
-- room. Each entry is kept (a correction is a new row, the previous one stays) with who recorded
-- it and when; the ballot's current tally is its last entry, counted at the close under the same
-- rules as any ballot. The departments a recommendation is addressed to for co-construction.

-- Applied in one transaction: never wait long for a lock or a statement.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

ALTER TABLE ballots ADD COLUMN show_of_hands BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE ballot_tallies (
  ballot_id    TEXT NOT NULL REFERENCES ballots (id),
  entry        BIGINT NOT NULL CHECK (entry > 0),
  for_votes    BIGINT NOT NULL CHECK (for_votes >= 0),
  against      BIGINT NOT NULL CHECK (against >= 0),
  abstain      BIGINT NOT NULL CHECK (abstain >= 0),
  reason       TEXT NOT NULL DEFAULT '',
  recorded_by  TEXT NOT NULL,
  recorded_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (ballot_id, entry)
);

CREATE TABLE recommendation_departments (
  recommendation_id  TEXT NOT NULL REFERENCES recommendations (id),
  department         TEXT NOT NULL,
  addressed_by       TEXT NOT NULL,
  addressed_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (recommendation_id, department)
);
CREATE INDEX recommendation_departments_department ON recommendation_departments (department);
