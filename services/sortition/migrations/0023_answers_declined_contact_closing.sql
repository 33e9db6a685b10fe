-- The invitees' answers: a "no" is recorded too (state 'declined': the code is then used and the
-- draw counts a refusal; no criteria, no consent, no contact), a willing invitee's contact details
-- are kept sealed (libs/pii, bound to the respondent's id; NULL once erased or for a "no"), and the
-- secretariat closes a draw's answer period (answers_closed_at: no answer is taken after it).
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

ALTER TABLE respondents ADD COLUMN contact BYTEA;
-- A "no" gives no consent: its consent_at is NULL. Every reader of the column is the service's own
-- (its list of respondents, which says so); interested respondents still always have one.
-- squawk-ignore ban-drop-not-null
ALTER TABLE respondents ALTER COLUMN consent_at DROP NOT NULL;
-- The check of the states is replaced by one that allows 'declined', in the same transaction: no
-- row is ever without one.
-- squawk-ignore ban-drop-constraint
ALTER TABLE respondents DROP CONSTRAINT respondents_state_check;
-- Every existing row is in one of the former states: NOT VALID skips a scan that cannot fail,
-- and the check holds for every row written from now on.
ALTER TABLE respondents ADD CONSTRAINT respondents_state_check
  CHECK (state IN ('interested', 'withdrawn', 'declined')) NOT VALID;

ALTER TABLE invitation_draws ADD COLUMN answers_closed_at TIMESTAMPTZ;
