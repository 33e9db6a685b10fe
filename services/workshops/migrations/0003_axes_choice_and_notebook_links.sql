-- The members choose their workshop's priority axes: proposals (a member's or the secretariat's),
-- one choice per workshop opened and closed by the secretariat, one approval ballot per member;
-- the secretariat's later corrections with their reason. A mandate names the submitted notebook
-- version it answers.

-- Applied in one transaction: never wait long for a lock or a statement.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

CREATE TABLE axis_proposals (
  id             TEXT PRIMARY KEY,
  seq            BIGINT GENERATED ALWAYS AS IDENTITY,  -- the order of proposal (the count's tie-break)
  workshop_id    TEXT NOT NULL REFERENCES workshops (id),
  title          TEXT NOT NULL,
  text           TEXT NOT NULL DEFAULT '',
  proposer_kind  TEXT NOT NULL CHECK (proposer_kind IN ('member', 'secretariat')),
  proposed_by    TEXT NOT NULL,
  proposed_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX axis_proposals_workshop ON axis_proposals (workshop_id, seq);

CREATE TABLE axes_choices (
  workshop_id  TEXT PRIMARY KEY REFERENCES workshops (id),
  seats        BIGINT NOT NULL CHECK (seats BETWEEN 1 AND 10),
  state        TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
  opened_by    TEXT NOT NULL,
  opened_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  closed_by    TEXT,
  closed_at    TIMESTAMPTZ,
  chosen_on    DATE,
  result       JSONB                               -- the count, as published (no member ids)
);

-- A member's ballot: the proposals they approve; replaced when they change it.
CREATE TABLE axis_ballots (
  workshop_id   TEXT NOT NULL REFERENCES workshops (id),
  member_id     TEXT NOT NULL,
  proposal_ids  TEXT[] NOT NULL,
  cast_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (workshop_id, member_id)
);

CREATE TABLE axes_corrections (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workshop_id   TEXT NOT NULL REFERENCES workshops (id),
  reason        TEXT NOT NULL,
  chosen_on     DATE NOT NULL,
  titles        TEXT[] NOT NULL,
  corrected_by  TEXT NOT NULL,
  corrected_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX axes_corrections_workshop ON axes_corrections (workshop_id, id);

-- The submitted notebook version a mandate answers (NULL for mandates made before this link).
ALTER TABLE mandates ADD COLUMN notebook_version BIGINT;
