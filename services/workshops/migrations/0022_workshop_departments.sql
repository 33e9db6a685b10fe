-- The city departments a workshop concerns, set by the secretariat: only they propose its
-- mandate (city-service staff of another department are refused). Empty for the workshops made
-- before: nobody but the secretariat proposes there until it names them.

-- Applied in one transaction: never wait long for a lock or a statement.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

ALTER TABLE workshops ADD COLUMN departments TEXT[] NOT NULL DEFAULT '{}';
