-- How far a published report reached the members and former members (the notifications
-- service's AudienceReached): NULL until known.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

ALTER TABLE reports ADD COLUMN members_informed BIGINT, ADD COLUMN members_not_reached BIGINT;
