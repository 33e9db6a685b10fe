-- The documents this service keeps (docs/documents.md, libs/documents): the bytes are in the S3
-- bucket under object_key (made by the service, never from a request), their description here.
-- Owner: 'commitment' (the evidence of a commitment: public).

-- Applied in one transaction: never wait long for a lock or a statement.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

CREATE TABLE documents (
  id          TEXT PRIMARY KEY,
  owner_type  TEXT NOT NULL,
  owner_id    TEXT NOT NULL,
  label       TEXT NOT NULL,
  media_type  TEXT NOT NULL,       -- as the bytes show it (limits.h), not as the client said
  size_bytes  BIGINT NOT NULL,
  sha256      TEXT NOT NULL,       -- hex, of the bytes kept
  object_key  TEXT NOT NULL UNIQUE,
  is_public   BOOLEAN NOT NULL,    -- its link may be given to anyone
  uploaded_by TEXT NOT NULL,       -- the account's id
  uploaded_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX documents_owner ON documents (owner_type, owner_id, uploaded_at);
