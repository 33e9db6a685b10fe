-- Ballots and what they need: membership's members as this service learns them (the electorate
-- is taken from here when a ballot opens), the ballots, their electorate, and the votes (open:
-- with the voter; secret: who voted apart from how, each vote under the hash of its receipt).

CREATE TABLE members (
  member_id    TEXT PRIMARY KEY,
  assembly_id  TEXT NOT NULL,
  status       TEXT NOT NULL,            -- active | withdrawn
  workshop     TEXT NOT NULL DEFAULT '', -- theme
  updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX members_assembly ON members (assembly_id, status);

ALTER TABLE motions ADD COLUMN title TEXT NOT NULL DEFAULT '';
ALTER TABLE motions ADD COLUMN text TEXT NOT NULL DEFAULT '';
ALTER TABLE motions ADD COLUMN spokespersons JSONB NOT NULL DEFAULT '[]';
ALTER TABLE motions ADD COLUMN adopted_at TIMESTAMPTZ;
ALTER TABLE motions ADD COLUMN sent_at TIMESTAMPTZ;

CREATE TABLE ballots (
  id            TEXT PRIMARY KEY,
  assembly_id   TEXT NOT NULL,
  workshop      TEXT NOT NULL DEFAULT '',   -- theme; '' = the whole assembly (a plenary ballot)
  motion_id     TEXT REFERENCES motions (id),
  question      TEXT NOT NULL,
  rule          TEXT NOT NULL CHECK (rule IN ('simple-majority', 'two-thirds', 'unanimity-of-votes-cast', 'unanimity-of-electorate')),
  quorum        DOUBLE PRECISION NOT NULL CHECK (quorum >= 0 AND quorum <= 1),
  secret        BOOLEAN NOT NULL,
  opens_at      TIMESTAMPTZ NOT NULL,
  closes_at     TIMESTAMPTZ NOT NULL CHECK (closes_at > opens_at),
  state         TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
  result        JSONB,
  created_by    TEXT NOT NULL,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  closed_at     TIMESTAMPTZ
);
CREATE INDEX ballots_assembly ON ballots (assembly_id, created_at);

CREATE TABLE ballot_electors (
  ballot_id  TEXT NOT NULL REFERENCES ballots (id),
  member_id  TEXT NOT NULL,
  PRIMARY KEY (ballot_id, member_id)
);

CREATE TABLE open_votes (
  ballot_id   TEXT NOT NULL REFERENCES ballots (id),
  member_id   TEXT NOT NULL,
  choice      TEXT NOT NULL CHECK (choice IN ('for', 'against', 'abstain')),
  changes     INTEGER NOT NULL DEFAULT 0,
  voted_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (ballot_id, member_id)
);

CREATE TABLE secret_voters (
  ballot_id  TEXT NOT NULL REFERENCES ballots (id),
  member_id  TEXT NOT NULL,
  PRIMARY KEY (ballot_id, member_id)
);
CREATE TABLE secret_votes (
  ballot_id     TEXT NOT NULL REFERENCES ballots (id),
  receipt_hash  TEXT NOT NULL,   -- SHA-256 of the voter's receipt: the voter can find it, nobody else can link it
  choice        TEXT NOT NULL CHECK (choice IN ('for', 'against', 'abstain')),
  PRIMARY KEY (ballot_id, receipt_hash)
);
