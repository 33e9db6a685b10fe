-- Respondents: invitees who said they are interested, with their self-declared criteria.
CREATE TABLE respondents (
  id                  TEXT PRIMARY KEY,
  invitation_draw_id  TEXT NOT NULL REFERENCES invitation_draws(id),
  person_id           TEXT NOT NULL,
  pool_id             TEXT NOT NULL,
  pool_kind           TEXT NOT NULL,
  household           TEXT NOT NULL,
  criteria            JSONB NOT NULL,
  consent_at          TIMESTAMPTZ NOT NULL,
  channel             TEXT NOT NULL CHECK (channel IN ('code', 'phone')),
  state               TEXT NOT NULL CHECK (state IN ('interested', 'withdrawn')),
  recorded_by         TEXT NOT NULL,
  responded_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  withdrawn_at        TIMESTAMPTZ,
  UNIQUE (invitation_draw_id, person_id)
);

-- Quota sets: per seat pool (a pool kind), its seats and its categories in the Sortition
-- Foundation's layout (kept as imported, parsed again when used).
CREATE TABLE quota_sets (
  id          TEXT PRIMARY KEY,
  assembly_id TEXT NOT NULL,
  name        TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE quota_seat_pools (
  quota_set_id TEXT NOT NULL REFERENCES quota_sets(id),
  pool_kind    TEXT NOT NULL,
  seats        INT NOT NULL CHECK (seats > 0),
  quotas_csv   TEXT NOT NULL,
  PRIMARY KEY (quota_set_id, pool_kind)
);

-- Panel selections under quotas: committed (seed hash), queued, done or failed; run off the
-- request path by a worker.
CREATE TABLE selections (
  id                   TEXT PRIMARY KEY,
  assembly_id          TEXT NOT NULL,
  quota_set_id         TEXT NOT NULL REFERENCES quota_sets(id),
  invitation_draw_ids  JSONB NOT NULL,
  seed_commitment      TEXT NOT NULL,
  seed                 TEXT,
  state                TEXT NOT NULL CHECK (state IN ('committed', 'queued', 'done', 'failed')),
  failure              TEXT,
  algorithm            TEXT,
  input_sha256         TEXT,          -- of the respondents and quotas the draw used
  result_sha256        TEXT,
  replacement_deadline DATE,
  record               JSONB,         -- the public facts (see README), written when done
  created_by           TEXT NOT NULL,
  created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
  drawn_by             TEXT,
  queued_at            TIMESTAMPTZ,
  finished_at          TIMESTAMPTZ
);
CREATE INDEX selections_queued ON selections (queued_at) WHERE state = 'queued';

-- Who a selection chose (kind 'panel', in draw order) and its reserve list (kind 'reserve',
-- in reserve order); replacements join the panel with replaces = the leaver.
CREATE TABLE selection_people (
  selection_id  TEXT NOT NULL REFERENCES selections(id),
  kind          TEXT NOT NULL CHECK (kind IN ('panel', 'reserve')),
  rank          INT NOT NULL,
  respondent_id TEXT NOT NULL REFERENCES respondents(id),
  person_id     TEXT NOT NULL,
  pool_kind     TEXT NOT NULL,
  seated        BOOLEAN NOT NULL DEFAULT true,   -- false once left (declined, withdrew)
  left_reason   TEXT,
  replaces      TEXT,                            -- person_id of the leaver this one replaced
  probability   DOUBLE PRECISION,
  PRIMARY KEY (selection_id, kind, rank)
);
CREATE UNIQUE INDEX selection_people_once ON selection_people (selection_id, person_id, kind);

CREATE TABLE replacements (
  id            TEXT PRIMARY KEY,
  selection_id  TEXT NOT NULL REFERENCES selections(id),
  leaver        TEXT NOT NULL,
  replacement   TEXT,
  reason        TEXT NOT NULL,
  source_event  TEXT UNIQUE,        -- the membership event that asked for it (idempotence)
  quotas_met    BOOLEAN NOT NULL,
  message       TEXT,
  counter       BIGINT NOT NULL,
  created_by    TEXT NOT NULL,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
