-- The sqlite3 peer of `keel stats --by kind --json` (bench/run.sh): counts by effective outcome per
-- kind, one GROUP BY over the whole ledger (see bench/stats_overall.sql for the parameters).
WITH c AS (
  SELECT kind AS key,
         count(*) AS asks,
         sum(outcome = 'yes') AS yes,
         sum(outcome = 'no') AS no,
         sum(outcome = 'not-yet') AS not_yet,
         sum(outcome = 'silent'
             OR (outcome = 'pending' AND asked_on < date(@today, '-' || @horizon || ' day'))) AS silent,
         sum(outcome = 'pending' AND asked_on >= date(@today, '-' || @horizon || ' day')) AS pending
  FROM asks WHERE search_id = 1
  GROUP BY kind
)
SELECT key, asks, yes, no, not_yet, silent, pending, asks - pending AS decided,
       CASE WHEN asks > pending THEN 1.0 * yes / (asks - pending) END AS yes_rate,
       CASE WHEN yes > 0 THEN 1.0 * (no + not_yet + silent) / yes END AS nos_per_yes
FROM c ORDER BY key;
