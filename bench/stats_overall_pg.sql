-- The psql peer of `keel stats --json` on PostgreSQL (bench/orgs_bench.py): bench/stats_overall.sql
-- in PostgreSQL's dialect, one aggregate over the search's asks. A recorded 'pending' ask older
-- than the silence horizon counts as silent (docs/statistics.md: waited > H).
--   psql "postgresql:///DB?host=..." -X -q --csv -v today=2026-11-26 -v horizon=33 \
--     -v search=default -f bench/stats_overall_pg.sql
-- @horizon is the horizon keel reports for the same database, as for sqlite3. Run as a role that
-- row-level security does not filter (the owner of the tables or a superuser), or as keel_app with
-- keel.search_id set: the WHERE names the search either way.
WITH c AS (
  SELECT count(*) AS asks,
         count(*) FILTER (WHERE outcome = 'yes') AS yes,
         count(*) FILTER (WHERE outcome = 'no') AS no,
         count(*) FILTER (WHERE outcome = 'not-yet') AS not_yet,
         count(*) FILTER (WHERE outcome = 'silent'
             OR (outcome = 'pending' AND asked_on < :'today'::date - :horizon)) AS silent,
         count(*) FILTER (WHERE outcome = 'pending' AND asked_on >= :'today'::date - :horizon) AS pending
  FROM asks WHERE search_id = (SELECT id FROM search_names WHERE name = :'search')
)
SELECT '' AS key, asks, yes, no, not_yet, silent, pending, asks - pending AS decided,
       CASE WHEN asks > pending THEN yes::float8 / (asks - pending) END AS yes_rate,
       CASE WHEN yes > 0 THEN (no + not_yet + silent)::float8 / yes END AS nos_per_yes
FROM c;
