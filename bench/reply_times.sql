-- Exports the reply times of a keel database as CSV (days,replied) for bench/survfit.R, with the
-- sqlite3 shell, not keel (bench/run.sh):
--   sqlite3 -readonly -csv -header -cmd ".parameter set @today \"'2026-11-26'\"" keel.db \
--     ".read bench/reply_times.sql" >reply_times.csv
-- The same observations as keel's no-reply-yet curve (docs/statistics.md): an event at
-- replied_on - asked_on for each yes, no or not-yet ask with a reply date; a censored time at
-- today - asked_on for each ask still waiting (recorded pending or silent), leaving out asks dated
-- after today. Whole days, from julianday arithmetic on the ISO dates.
SELECT CAST(julianday(replied_on) - julianday(asked_on) AS INTEGER) AS days, 1 AS replied
FROM asks
WHERE search_id = 1 AND outcome IN ('yes', 'no', 'not-yet') AND replied_on IS NOT NULL
UNION ALL
SELECT CAST(julianday(@today) - julianday(asked_on) AS INTEGER) AS days, 0 AS replied
FROM asks
WHERE search_id = 1 AND outcome IN ('pending', 'silent') AND asked_on <= @today;
