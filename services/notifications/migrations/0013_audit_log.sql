-- The audit trail (docs/audit.md, libs/audit): who read personal data and who changed what. An
-- entry is appended for every successful change of a non-public route and every answer of a
-- route reading personal data; it is never updated nor deleted (the trigger below refuses it to
-- every role, the service's own included), and an erasure keeps it (the subject's id stays: the
-- record of who read their data is theirs to ask for).

-- Applied in one transaction: never wait long for a lock or a statement.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

CREATE TABLE audit_log (
  id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at                TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  actor             TEXT NOT NULL,               -- a member's id, or the account's `sub`
  role              TEXT NOT NULL,               -- the role the route admitted it by
  action            TEXT NOT NULL,               -- "GET /v1/members/:id/contact"
  object_type       TEXT NOT NULL,               -- the route's resource ("members")
  object_id         TEXT NOT NULL DEFAULT '',
  subject_member_id TEXT NOT NULL DEFAULT '',    -- whose personal data was read
  status            BIGINT NOT NULL,              -- the answer's status
  trace_id          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_subject ON audit_log (subject_member_id, id) WHERE subject_member_id <> '';
CREATE INDEX audit_log_actor ON audit_log (actor, id);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
