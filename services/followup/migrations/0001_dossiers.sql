-- One follow-up dossier per citizen motion: the public record of what became of it.
CREATE TABLE dossiers (
  id          TEXT PRIMARY KEY,
  motion_id   TEXT NOT NULL UNIQUE,
  assembly_id TEXT NOT NULL,
  theme       TEXT NOT NULL,
  stage       TEXT NOT NULL DEFAULT 'awaiting-council',
  opened_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX dossiers_assembly ON dossiers (assembly_id, theme);
