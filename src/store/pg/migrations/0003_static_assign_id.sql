-- keel PostgreSQL schema 3: each search table numbers its rows with a trigger function of its own.
--
-- Schema 1's keel_assign_id served every table through dynamic SQL (EXECUTE format(... %I ...)),
-- which PL/pgSQL parses and plans again on every row: a third of an import's time on the server
-- went there (log_min_duration_statement: 336 us per ask inserted, 276 per opportunity). A
-- function per table has static SQL, planned once per connection. What it computes is unchanged
-- (see 0001_initial.sql): the largest id of the search + 1, and for the AUTOINCREMENT tables never
-- below the high-water mark, which it raises.
--
-- keel_make_assign_id(table, autoincrement) writes a table's function and trigger; a later
-- migration that adds a search table calls it too.
CREATE FUNCTION keel_make_assign_id(tbl text, autoincrement boolean) RETURNS void
  LANGUAGE plpgsql AS $make$
DECLARE
  fn text := 'keel_assign_id_' || tbl;
BEGIN
  IF autoincrement THEN
    EXECUTE format($body$
      CREATE OR REPLACE FUNCTION %1$I() RETURNS trigger LANGUAGE plpgsql AS $f$
      DECLARE
        high bigint;
      BEGIN
        SELECT last_id INTO high FROM id_high_water
          WHERE search_id = NEW.search_id AND tbl = %2$L;
        IF NEW.id IS NULL THEN
          NEW.id := greatest(coalesce((SELECT max(id) FROM %3$I WHERE search_id = NEW.search_id), 0),
                             coalesce(high, 0)) + 1;
        END IF;
        IF NEW.id > coalesce(high, 0) THEN
          INSERT INTO id_high_water (search_id, tbl, last_id) VALUES (NEW.search_id, %2$L, NEW.id)
            ON CONFLICT (search_id, tbl) DO UPDATE SET last_id = EXCLUDED.last_id;
        END IF;
        RETURN NEW;
      END
      $f$$body$, fn, tbl, tbl);
  ELSE
    EXECUTE format($body$
      CREATE OR REPLACE FUNCTION %1$I() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        IF NEW.id IS NULL THEN
          NEW.id := coalesce((SELECT max(id) FROM %2$I WHERE search_id = NEW.search_id), 0) + 1;
        END IF;
        RETURN NEW;
      END
      $f$$body$, fn, tbl);
  END IF;
  EXECUTE format('DROP TRIGGER IF EXISTS assign_id ON %I', tbl);
  EXECUTE format('CREATE TRIGGER assign_id BEFORE INSERT ON %I FOR EACH ROW EXECUTE FUNCTION %I()',
                 tbl, fn);
END
$make$;

-- Every table that schema 1 gave the shared trigger, with the same kind of numbering.
SELECT keel_make_assign_id(c.relname::text, t.tgargs = convert_to('autoincrement', 'UTF8') || '\x00'::bytea)
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
  WHERE t.tgname = 'assign_id' AND NOT t.tgisinternal
    AND c.relnamespace = current_schema()::regnamespace;

DROP FUNCTION keel_assign_id();
