-- What the recommendations service says of the motion: adopted by the plenary, then sent to the
-- Council with its text and spokespersons.
ALTER TABLE dossiers ADD COLUMN title TEXT NOT NULL DEFAULT '';
ALTER TABLE dossiers ADD COLUMN motion_text TEXT NOT NULL DEFAULT '';
ALTER TABLE dossiers ADD COLUMN spokespersons JSONB NOT NULL DEFAULT '[]';
ALTER TABLE dossiers ADD COLUMN adopted_by_assembly_at TIMESTAMPTZ;
ALTER TABLE dossiers ADD COLUMN sent_to_council_at TIMESTAMPTZ;
