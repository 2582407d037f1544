-- bench/reply_times.sql in PostgreSQL's dialect (bench/orgs_bench.py): the reply times of a
-- search as CSV (days,replied) for bench/survfit.R.
--   psql "postgresql:///DB?host=..." -X -q --csv -v today=2026-11-26 -v search=default \
--     -f bench/reply_times_pg.sql >reply_times.csv
SELECT replied_on - asked_on AS days, 1 AS replied
FROM asks
WHERE search_id = (SELECT id FROM search_names WHERE name = :'search')
  AND outcome IN ('yes', 'no', 'not-yet') AND replied_on IS NOT NULL
UNION ALL
SELECT :'today'::date - asked_on AS days, 0 AS replied
FROM asks
WHERE search_id = (SELECT id FROM search_names WHERE name = :'search')
  AND outcome IN ('pending', 'silent') AND asked_on <= :'today'::date;
