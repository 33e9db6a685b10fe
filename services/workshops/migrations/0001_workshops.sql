-- Thematic workshops of an assembly and their rosters (member ids learnt from membership events).
CREATE TABLE workshops (
  id          TEXT PRIMARY KEY,
  assembly_id TEXT NOT NULL,
  theme       TEXT NOT NULL,
  title       TEXT NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (assembly_id, theme)
);

CREATE TABLE workshop_members (
  workshop_id TEXT NOT NULL REFERENCES workshops(id),
  member_id   TEXT NOT NULL,
  joined_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (workshop_id, member_id)
);
