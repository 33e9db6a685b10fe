-- Answers to an evaluation are held sealed until it closes, then released all at once (in one
-- transaction, in the order of fresh random response ids) into evaluation_answers: an answer never
-- shares a transaction (xmin, commit time, WAL record) or a physical neighbourhood with the row
-- recording who answered. A held answer is padded to the longest answer its questionnaire allows
-- and sealed under the service's key (context: evaluation and the held row's random id); the rows
-- are deleted when the evaluation closes.

-- Each migration runs in one transaction: these hold for it only. Waiting for a lock gives up
-- rather than stalling the service's requests behind it.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

CREATE TABLE evaluation_answers_held (
  evaluation_id  TEXT NOT NULL REFERENCES evaluations (id),
  held_id        TEXT NOT NULL,     -- random, says nothing of who
  sealed         BYTEA NOT NULL,
  PRIMARY KEY (evaluation_id, held_id)
);
