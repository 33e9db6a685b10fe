-- What is kept of a letter's response code is no longer its plain SHA-256 (a code has ~50 bits:
-- a copy of the database could be searched for it) but "k1:" and a keyed BLAKE2b-256 under the
-- service's key. The service re-keys the rows of earlier draws at start-up (the codes derive
-- from the draw and the person); the column keeps its name.
-- Each migration runs in one transaction: these hold for it only.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

COMMENT ON COLUMN invitations.code_sha256 IS
  'k1: and the keyed BLAKE2b-256 (service key) of the normalised response code';
