-- Each pool's partition keeps its own indexes, without the pool id in them (it is the same in
-- every row of a partition), and person ids compare bytewise (COLLATE "C": they are hex): loading
-- a 1.35 M-row roll spent most of its database time maintaining (pool_id, person_id) under the
-- locale's collation. The importer creates, on each new partition: UNIQUE (person_id) while
-- loading, PRIMARY KEY (position) when the import completes. Queries name the pool, so the
-- planner goes straight to its partition.
ALTER TABLE pool_people DROP CONSTRAINT pool_people_pool_id_person_id_key;
ALTER TABLE pool_people DROP CONSTRAINT pool_people_pkey;
ALTER TABLE pool_people ALTER COLUMN person_id TYPE text COLLATE "C";
DO $$
DECLARE child regclass;
BEGIN
  FOR child IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'pool_people'::regclass LOOP
    EXECUTE format('CREATE UNIQUE INDEX ON %s (person_id)', child);
    EXECUTE format('ALTER TABLE %s ADD PRIMARY KEY (position)', child);
  END LOOP;
END $$;
