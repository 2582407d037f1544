-- keel PostgreSQL schema 9: numbering and change stamps that stay cheap in a long transaction and
-- a long history.
--
-- 1. Schema 3's numbering raised the high-water mark (id_high_water) on every row inserted into an
--    AUTOINCREMENT table (organizations, contacts, opportunities, materials, material_versions,
--    changes). An import is one transaction, so the mark's row had one version per row inserted,
--    and each insert walked them all: 641 rows/s at 10k rows, 157 at 40k (perf on the server:
--    heap_hot_search_buffer, half its time). What the mark must guarantee is that an id never
--    comes back after a delete; while the row with the largest id exists, max(id) says so. So the
--    mark is now raised when a row is deleted (an AFTER DELETE trigger, rare: undo, delete), and
--    an insert only reads it: the next id is still one past the largest ever given.
-- 2. A change stamp read every undone change of the search (count(undone_at) over all of
--    `changes`): 127 ms at a million changes, on every cached answer of keel serve. The newest
--    change comes from the primary key and the undone ones from a partial index.
CREATE OR REPLACE FUNCTION keel_make_assign_id(tbl text, autoincrement boolean) RETURNS void
  LANGUAGE plpgsql AS $make$
DECLARE
  fn text := 'keel_assign_id_' || tbl;
  keep text := 'keel_keep_high_water_' || tbl;
BEGIN
  IF autoincrement THEN
    EXECUTE format($body$
      CREATE OR REPLACE FUNCTION %1$I() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        IF NEW.id IS NULL THEN
          NEW.id := greatest(coalesce((SELECT max(id) FROM %3$I WHERE search_id = NEW.search_id), 0),
                             coalesce((SELECT last_id FROM id_high_water
                                       WHERE search_id = NEW.search_id AND tbl = %2$L), 0)) + 1;
        END IF;
        RETURN NEW;
      END
      $f$$body$, fn, tbl, tbl);
    EXECUTE format($body$
      CREATE OR REPLACE FUNCTION %1$I() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        -- Not when the whole search goes (its rows cascade from the search's own delete).
        IF EXISTS (SELECT 1 FROM searches WHERE search_id = OLD.search_id) THEN
          INSERT INTO id_high_water (search_id, tbl, last_id) VALUES (OLD.search_id, %2$L, OLD.id)
            ON CONFLICT (search_id, tbl)
            DO UPDATE SET last_id = greatest(id_high_water.last_id, EXCLUDED.last_id);
        END IF;
        RETURN OLD;
      END
      $f$$body$, keep, tbl);
    EXECUTE format('DROP TRIGGER IF EXISTS keep_high_water ON %I', tbl);
    EXECUTE format('CREATE TRIGGER keep_high_water AFTER DELETE ON %I FOR EACH ROW '
                   'EXECUTE FUNCTION %I()', tbl, keep);
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

-- The AUTOINCREMENT tables, as schema 1 named them; the marks they hold stay valid lower bounds.
SELECT keel_make_assign_id(t, true)
  FROM unnest(ARRAY['organizations', 'contacts', 'opportunities', 'materials',
                    'material_versions', 'changes']) AS t;

CREATE INDEX changes_undone ON changes (search_id) WHERE undone_at IS NOT NULL;

CREATE OR REPLACE FUNCTION keel_change_stamps(names text[])
  RETURNS TABLE (name text, last_change bigint, undone bigint)
  LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
  was text := current_setting('keel.search_id', true);
  found record;
BEGIN
  FOR found IN SELECT n.id, n.name FROM search_names n WHERE n.name = ANY (names) ORDER BY n.name
  LOOP
    PERFORM set_config('keel.search_id', found.id::text, true);
    RETURN QUERY
      SELECT found.name,
             coalesce((SELECT max(c.id) FROM changes c WHERE c.search_id = found.id), 0)::bigint,
             (SELECT count(*) FROM changes c
              WHERE c.search_id = found.id AND c.undone_at IS NOT NULL)::bigint;
  END LOOP;
  PERFORM set_config('keel.search_id', coalesce(was, ''), true);
END
$$;
