-- Members of an assembly, drawn by sortition. Pseudonymous: names and contact details come later,
-- encrypted, with the member's consent.
CREATE TABLE members (
  id             TEXT PRIMARY KEY,
  assembly_id    TEXT NOT NULL,
  person_id      TEXT NOT NULL,
  pool           TEXT NOT NULL,
  draw_id        TEXT NOT NULL,
  status         TEXT NOT NULL DEFAULT 'selected',
  workshop_theme TEXT NOT NULL,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (assembly_id, person_id)
);
CREATE INDEX members_assembly ON members (assembly_id, created_at);
