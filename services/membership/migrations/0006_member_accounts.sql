-- Members' accounts in the identity provider. An outbox of account tasks, written in the same
-- transaction as the change that causes it (an invitation, a departure, the anonymisation) and
-- carried out by a background worker; and what is known of each member's account (its id in the
-- identity provider, when the set-password e-mail went out) so that nothing is done twice.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

CREATE TABLE account_tasks (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_id TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('provision', 'disable', 'delete')),
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_error TEXT,  -- never personal data: the status and path of the call that failed
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  done_at TIMESTAMPTZ
);
CREATE INDEX account_tasks_pending ON account_tasks (next_attempt_at, id) WHERE done_at IS NULL;
CREATE INDEX account_tasks_member ON account_tasks (member_id, id) WHERE done_at IS NULL;

CREATE TABLE member_accounts (
  member_id TEXT PRIMARY KEY,
  user_id TEXT,                     -- the account's id in the identity provider, once made
  password_email_sent_at TIMESTAMPTZ,
  disabled_at TIMESTAMPTZ,
  deleted_at TIMESTAMPTZ,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
