-- The sqlite3 peer of `keel stats --json` (bench/run.sh): the same counts by effective outcome,
-- computed from the asks themselves with one aggregate query over the whole ledger. A recorded
-- 'pending' ask older than the silence horizon counts as silent (docs/statistics.md: waited > H).
--   sqlite3 -readonly -cmd ".parameter set @today \"'2026-11-26'\"" -cmd ".parameter set @horizon 33" \
--     keel.db ".read bench/stats_overall.sql"
-- @horizon is the horizon keel reports for the same database (its learned one), so that both print
-- the same numbers; bench/run.sh checks that they do.
WITH c AS (
  SELECT count(*) AS asks,
         sum(outcome = 'yes') AS yes,
         sum(outcome = 'no') AS no,
         sum(outcome = 'not-yet') AS not_yet,
         sum(outcome = 'silent'
             OR (outcome = 'pending' AND asked_on < date(@today, '-' || @horizon || ' day'))) AS silent,
         sum(outcome = 'pending' AND asked_on >= date(@today, '-' || @horizon || ' day')) AS pending
  FROM asks WHERE search_id = 1
)
SELECT '' AS key, asks, yes, no, not_yet, silent, pending, asks - pending AS decided,
       CASE WHEN asks > pending THEN 1.0 * yes / (asks - pending) END AS yes_rate,
       CASE WHEN yes > 0 THEN 1.0 * (no + not_yet + silent) / yes END AS nos_per_yes
FROM c;
