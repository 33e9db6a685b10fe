-- A selected member may decline; a replacement member records whom it replaced. The full
-- lifecycle (invited, confirmed, active, withdrawn, completed, with its history) comes later.
ALTER TABLE members ADD COLUMN replaces TEXT;           -- member id of the one replaced
ALTER TABLE members ADD COLUMN status_reason TEXT;
ALTER TABLE members ADD COLUMN status_changed_by TEXT;
ALTER TABLE members ADD COLUMN status_changed_at TIMESTAMPTZ;
