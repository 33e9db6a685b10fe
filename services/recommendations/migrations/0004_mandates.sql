-- The workshops' adopted mandates (MandateAdopted): a recommendation answers its workshop's.
CREATE TABLE mandates (
  workshop_id  TEXT PRIMARY KEY,
  mandate_id   TEXT NOT NULL,
  assembly_id  TEXT NOT NULL,
  text         TEXT NOT NULL,
  adopted_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
ALTER TABLE recommendations ADD COLUMN mandate_id TEXT;
