-- keel schema 2: running tallies, so that reports on a million asks read a few hundred rows.
-- Maintained by the store on every write (and journaled, so undo reverts them exactly);
-- built here from the asks of a schema-1 database.

-- Asks by recorded outcome, per dimension: 'all' (key ''), 'kind', 'channel', 'month'
-- ('YYYY-MM' of asked_on) and 'material' ('name@version'; an ask counts once per version used).
CREATE TABLE tallies (
  id        INTEGER PRIMARY KEY,
  search_id INTEGER NOT NULL REFERENCES searches (id),
  dim       TEXT NOT NULL,
  key       TEXT NOT NULL,
  outcome   TEXT NOT NULL,
  n         INTEGER NOT NULL,
  UNIQUE (search_id, dim, key, outcome)
);

-- Replies by delay in days (yes, no and not-yet asks with a reply date): the events of the
-- no-reply-yet curve.
CREATE TABLE reply_delays (
  id        INTEGER PRIMARY KEY,
  search_id INTEGER NOT NULL REFERENCES searches (id),
  days      INTEGER NOT NULL,
  n         INTEGER NOT NULL,
  UNIQUE (search_id, days)
);

-- Asks still without a reply (pending or silent) by ask date: the curve's censored times are
-- today - asked_on, known only at report time.
CREATE TABLE waiting_by_date (
  id        INTEGER PRIMARY KEY,
  search_id INTEGER NOT NULL REFERENCES searches (id),
  asked_on  TEXT NOT NULL,
  n         INTEGER NOT NULL,
  UNIQUE (search_id, asked_on)
);

INSERT INTO tallies (search_id, dim, key, outcome, n)
  SELECT search_id, 'all', '', outcome, count(*) FROM asks GROUP BY search_id, outcome;
INSERT INTO tallies (search_id, dim, key, outcome, n)
  SELECT search_id, 'kind', kind, outcome, count(*) FROM asks GROUP BY search_id, kind, outcome;
INSERT INTO tallies (search_id, dim, key, outcome, n)
  SELECT search_id, 'channel', channel, outcome, count(*) FROM asks
  GROUP BY search_id, channel, outcome;
INSERT INTO tallies (search_id, dim, key, outcome, n)
  SELECT search_id, 'month', substr(asked_on, 1, 7), outcome, count(*) FROM asks
  GROUP BY search_id, substr(asked_on, 1, 7), outcome;
INSERT INTO tallies (search_id, dim, key, outcome, n)
  SELECT a.search_id, 'material', m.name || '@' || v.version, a.outcome, count(*)
  FROM asks a JOIN ask_materials am ON am.ask_id = a.id
  JOIN material_versions v ON v.id = am.material_version_id JOIN materials m ON m.id = v.material_id
  GROUP BY a.search_id, m.name || '@' || v.version, a.outcome;
INSERT INTO reply_delays (search_id, days, n)
  SELECT search_id, CAST(julianday(replied_on) - julianday(asked_on) AS INTEGER), count(*)
  FROM asks WHERE replied_on IS NOT NULL AND outcome IN ('yes', 'no', 'not-yet')
  GROUP BY 1, 2;
INSERT INTO waiting_by_date (search_id, asked_on, n)
  SELECT search_id, asked_on, count(*) FROM asks WHERE outcome IN ('pending', 'silent')
  GROUP BY 1, 2;

-- Not-yet asks by the date to ask again (few rows: a partial index), for "what is due".
CREATE INDEX asks_by_until ON asks (search_id, until_on) WHERE until_on IS NOT NULL;
