-- The errors of a failed import are kept with the job: they no longer repeat the value at fault
-- (a voter id, a birth date, a postcode). Those kept from earlier imports lose it too; the line,
-- the column and the rule broken stay.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

UPDATE pool_imports
SET errors = (
  SELECT coalesce(jsonb_agg(
           e || jsonb_build_object('reason',
             regexp_replace(regexp_replace(regexp_replace(e ->> 'reason',
               '^"[^"]*" is ', 'is '),
               '^[^ ]+ is outside ', 'is outside '),
               '^duplicate voter id [^ (]+', 'duplicate voter id'))
           ORDER BY n), '[]'::jsonb)
  FROM jsonb_array_elements(pool_imports.errors) WITH ORDINALITY AS x (e, n))
WHERE errors <> '[]'::jsonb;
