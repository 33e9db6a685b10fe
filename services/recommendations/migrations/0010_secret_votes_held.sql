-- Secret votes are held sealed until the ballot closes, then released all at once (in one
-- transaction, in the order of their receipt hashes) into secret_votes: a vote never shares a
-- transaction (xmin, commit time, WAL record) or a physical neighbourhood with its voter's mark.
-- A held vote is its receipt hash and choice, padded and sealed under the service's key (context:
-- ballot and member), beside the hash of (receipt, member) that lets its voter, and only them,
-- change it while the ballot is open. The rows are deleted when the ballot closes.

-- Each migration runs in one transaction: these hold for it only. Waiting for a lock gives up
-- rather than stalling the service's requests behind it.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

CREATE TABLE secret_votes_held (
  ballot_id   TEXT NOT NULL REFERENCES ballots (id),
  member_id   TEXT NOT NULL,
  change_tag  TEXT NOT NULL,
  sealed      BYTEA NOT NULL,
  PRIMARY KEY (ballot_id, member_id)
);
