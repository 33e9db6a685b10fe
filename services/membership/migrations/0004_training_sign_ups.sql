-- Trainings for volunteers: a time, a place or an online link and a capacity; members sign up
-- (a place, or the waiting list) and withdraw; attendance is recorded for the members holding a
-- place, every correction kept as a revision.

-- Each migration runs in one transaction: these hold for it only. Waiting for a lock gives up
-- rather than stalling the service's requests behind it.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- All nullable: a training offered before has a date only and no limit.
ALTER TABLE trainings ADD COLUMN topic_text TEXT;        -- what "other" means
ALTER TABLE trainings ADD COLUMN starts_at TIMESTAMPTZ;
ALTER TABLE trainings ADD COLUMN ends_at TIMESTAMPTZ;
ALTER TABLE trainings ADD COLUMN place TEXT;
ALTER TABLE trainings ADD COLUMN online_url TEXT;
ALTER TABLE trainings ADD COLUMN capacity BIGINT;        -- places; NULL: no limit

-- Every sign-up, kept: a withdrawal ends it, signing up again is a new one at the end of the queue.
CREATE TABLE training_sign_ups (
  id            TEXT PRIMARY KEY,
  seq           BIGINT GENERATED ALWAYS AS IDENTITY,   -- first come, first served
  training_id   TEXT NOT NULL REFERENCES trainings (id),
  member_id     TEXT NOT NULL REFERENCES members (id),
  state         TEXT NOT NULL CHECK (state IN ('placed', 'waiting', 'withdrawn')),
  signed_up_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  signed_up_by  TEXT NOT NULL,
  placed_at     TIMESTAMPTZ,                            -- at once, or when promoted
  withdrawn_at  TIMESTAMPTZ,
  withdrawn_by  TEXT
);
-- One sign-up in force per member and training.
CREATE UNIQUE INDEX training_sign_ups_current ON training_sign_ups (training_id, member_id)
  WHERE state <> 'withdrawn';
CREATE INDEX training_sign_ups_member ON training_sign_ups (member_id);

-- Attendance as it stands (the highest revision) and every revision with who made it.
CREATE TABLE training_attendance (
  training_id  TEXT NOT NULL REFERENCES trainings (id),
  member_id    TEXT NOT NULL REFERENCES members (id),
  status       TEXT NOT NULL CHECK (status IN ('present', 'excused', 'absent')),
  revision     BIGINT NOT NULL,
  recorded_by  TEXT NOT NULL,
  recorded_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (training_id, member_id)
);
CREATE INDEX training_attendance_member ON training_attendance (member_id);
CREATE TABLE training_attendance_changes (
  training_id  TEXT NOT NULL REFERENCES trainings (id),
  member_id    TEXT NOT NULL REFERENCES members (id),
  revision     BIGINT NOT NULL,
  status       TEXT NOT NULL,
  recorded_by  TEXT NOT NULL,
  via          TEXT NOT NULL,    -- attendance | followed
  recorded_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (training_id, member_id, revision)
);

-- "Followed" is attendance now: each member who followed a training holds a place and is present.
INSERT INTO training_sign_ups (id, training_id, member_id, state, signed_up_at, signed_up_by,
                               placed_at)
  SELECT md5(training_id || '/' || member_id)::uuid::text, training_id, member_id, 'placed',
         recorded_at, recorded_by, recorded_at
  FROM trainings_followed ORDER BY recorded_at, training_id, member_id;
INSERT INTO training_attendance (training_id, member_id, status, revision, recorded_by, recorded_at)
  SELECT training_id, member_id, 'present', 1, recorded_by, recorded_at FROM trainings_followed;
INSERT INTO training_attendance_changes (training_id, member_id, revision, status, recorded_by,
                                         via, recorded_at)
  SELECT training_id, member_id, 1, 'present', recorded_by, 'followed', recorded_at
  FROM trainings_followed;
