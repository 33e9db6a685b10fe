-- Citizen motions (voeux citoyens), one per workshop, opened when the workshop opens.
CREATE TABLE motions (
  id          TEXT PRIMARY KEY,
  workshop_id TEXT NOT NULL UNIQUE,
  assembly_id TEXT NOT NULL,
  theme       TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'drafting',
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX motions_assembly ON motions (assembly_id, theme);
