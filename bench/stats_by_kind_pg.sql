-- The psql peer of `keel stats --by kind --json` on PostgreSQL (bench/orgs_bench.py):
-- bench/stats_by_kind.sql in PostgreSQL's dialect, one GROUP BY over the search's asks (see
-- bench/stats_overall_pg.sql for the parameters).
WITH c AS (
  SELECT kind AS key,
         count(*) AS asks,
         count(*) FILTER (WHERE outcome = 'yes') AS yes,
         count(*) FILTER (WHERE outcome = 'no') AS no,
         count(*) FILTER (WHERE outcome = 'not-yet') AS not_yet,
         count(*) FILTER (WHERE outcome = 'silent'
             OR (outcome = 'pending' AND asked_on < :'today'::date - :horizon)) AS silent,
         count(*) FILTER (WHERE outcome = 'pending' AND asked_on >= :'today'::date - :horizon) AS pending
  FROM asks WHERE search_id = (SELECT id FROM search_names WHERE name = :'search')
  GROUP BY kind
)
SELECT key, asks, yes, no, not_yet, silent, pending, asks - pending AS decided,
       CASE WHEN asks > pending THEN yes::float8 / (asks - pending) END AS yes_rate,
       CASE WHEN yes > 0 THEN (no + not_yet + silent)::float8 / yes END AS nos_per_yes
FROM c ORDER BY key COLLATE "C";
