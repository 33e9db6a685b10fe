-- The department that proposed a mandate for the executive: the token's department of the
-- city-service staff proposing it, or the one the secretariat names ('' when none was named, and
-- for the mandates proposed before this column).

-- Applied in one transaction: never wait long for a lock or a statement.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

ALTER TABLE mandates ADD COLUMN department TEXT NOT NULL DEFAULT '';
