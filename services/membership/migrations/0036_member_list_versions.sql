-- A version per assembly of its members' list, raised by every statement that writes members
-- (statement-level triggers, in the writer's own transaction): the list route keeps the pages it
-- built and serves one again only while its assembly's version is still the one it was built at
-- (api/members.cpp, libs/http VersionedCache). No row: version 0 (no member written since).
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

CREATE TABLE member_list_versions (
  assembly_id TEXT PRIMARY KEY,
  version BIGINT NOT NULL
);

CREATE FUNCTION raise_member_list_version() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  INSERT INTO member_list_versions AS v (assembly_id, version)
  SELECT DISTINCT assembly_id, 1 FROM changed
  ON CONFLICT (assembly_id) DO UPDATE SET version = v.version + 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER members_inserted AFTER INSERT ON members REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION raise_member_list_version();
CREATE TRIGGER members_updated AFTER UPDATE ON members REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION raise_member_list_version();
CREATE TRIGGER members_deleted AFTER DELETE ON members REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION raise_member_list_version();
